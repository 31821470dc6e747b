namespace LogFlux.Sinks.Pipeline;

/// <summary>
/// Numbers accepted entries and completes flush waiters once every entry numbered up to their mark is
/// settled (sent or dropped), whatever order entries settle in (lanes and concurrent batches reorder them).
/// </summary>
/// <remarks>
/// A waiter registered under the lock knows how many entries up to its mark are still open: every settled
/// entry was numbered before the registration, so that is <c>mark − settled</c>. Each later settlement of an
/// entry at or below the mark counts it down. Settlement happens per batch, so the lock is taken once per
/// batch, not per entry, except for evictions.
/// </remarks>
internal sealed class FlushTracker
{
    private readonly object _gate = new();
    private readonly List<Waiter> _waiters = new();
    private long _lastSequence;
    private long _settled;
    private int _waiterCount;

    /// <summary>Numbers handed out so far, i.e. entries accepted.</summary>
    public long LastSequence => Interlocked.Read(ref _lastSequence);

    /// <summary>True while at least one flush waits; senders then send partial batches at once.</summary>
    public bool HasWaiters => Volatile.Read(ref _waiterCount) > 0;

    public long NextSequence() => Interlocked.Increment(ref _lastSequence);

    /// <summary>Registers a waiter for everything accepted so far. Returns null when nothing is open.</summary>
    public Waiter? Register()
    {
        lock (_gate)
        {
            var mark = Interlocked.Read(ref _lastSequence);
            var open = mark - _settled;
            if (open <= 0) return null;
            var waiter = new Waiter(mark, open);
            _waiters.Add(waiter);
            _waiterCount = _waiters.Count;
            return waiter;
        }
    }

    public void Unregister(Waiter waiter)
    {
        lock (_gate)
        {
            _waiters.Remove(waiter);
            _waiterCount = _waiters.Count;
        }
    }

    /// <summary>Settles one entry; entries numbered 0 (replayed from an earlier run) belong to no flush.</summary>
    public void Settled(PendingEntry entry)
    {
        if (entry.Sequence > 0) SettledSequence(entry.Sequence);
    }

    /// <summary>Settles the entry numbered <paramref name="sequence"/> (an entry lost inside the durable buffer).</summary>
    public void SettledSequence(long sequence)
    {
        if (sequence <= 0) return;
        lock (_gate)
        {
            _settled++;
            if (_waiters.Count == 0) return;
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                var waiter = _waiters[i];
                if (sequence <= waiter.Mark && --waiter.Open == 0) Complete(i, waiter);
            }
        }
    }

    public void Settled(IReadOnlyList<PendingEntry> entries)
    {
        if (entries.Count == 0) return;
        var numbered = 0;
        foreach (var entry in entries)
        {
            if (entry.Sequence > 0) numbered++;
        }
        if (numbered == 0) return;
        lock (_gate)
        {
            _settled += numbered;
            if (_waiters.Count == 0) return;
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                var waiter = _waiters[i];
                foreach (var entry in entries)
                {
                    if (entry.Sequence > 0 && entry.Sequence <= waiter.Mark) waiter.Open--;
                }
                if (waiter.Open <= 0) Complete(i, waiter);
            }
        }
    }

    private void Complete(int index, Waiter waiter)
    {
        _waiters.RemoveAt(index);
        _waiterCount = _waiters.Count;
        waiter.Signal.TrySetResult();
    }

    internal sealed class Waiter
    {
        public Waiter(long mark, long open)
        {
            Mark = mark;
            Open = open;
        }

        public long Mark { get; }

        public long Open { get; set; }

        public TaskCompletionSource Signal { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
