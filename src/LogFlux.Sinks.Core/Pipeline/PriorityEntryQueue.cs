namespace LogFlux.Sinks.Pipeline;

/// <summary>
/// The client's send queue: three FIFO lanes (<see cref="QueueLane"/>) under one bound in entries and one
/// in estimated bytes.
/// </summary>
/// <remarks>
/// Each lane is a ring buffer (<see cref="Queue{T}"/>) behind one short lock: a write holds it for one enqueue, a
/// sender for one batch. The bounds are kept with two atomic counters that a writer reserves before it publishes
/// the entry, so a full queue is detected without the lock. Not a <c>ConcurrentQueue</c>: the senders need to
/// look at a lane's head (the byte bound of a batch, the age of the oldest entry), and peeking into a
/// <c>ConcurrentQueue</c> stops its segments from releasing dequeued items and from being reused, so every sent
/// entry stayed reachable until its whole segment was consumed, long enough to reach generation 2.
/// Under a race at the very edge of the bounds a reservation may be refused that would just have fit;
/// the bounds themselves are never exceeded.
/// </remarks>
internal sealed class PriorityEntryQueue
{
    private readonly Queue<PendingEntry>[] _lanes;
    private readonly object _gate = new();
    private readonly Action<PendingEntry> _onEvicted;
    private int _count;
    private long _bytes;

    /// <param name="capacity">Maximum number of queued entries.</param>
    /// <param name="capacityBytes">Maximum sum of <see cref="PendingEntry.EstimatedBytes"/>.</param>
    /// <param name="onEvicted">Called for each queued entry removed to make room for a higher-priority one.</param>
    public PriorityEntryQueue(int capacity, long capacityBytes, Action<PendingEntry> onEvicted)
    {
        Capacity = Math.Max(1, capacity);
        CapacityBytes = Math.Max(1, capacityBytes);
        _onEvicted = onEvicted;
        _lanes = new Queue<PendingEntry>[QueueLanes.Count];
        for (var i = 0; i < _lanes.Length; i++) _lanes[i] = new Queue<PendingEntry>();
    }

    public int Capacity { get; }

    public long CapacityBytes { get; }

    /// <summary>Entries queued or reserved.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Estimated bytes queued or reserved.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>
    /// Reserves room for <paramref name="entry"/>, evicting the oldest entries of lower lanes (lowest lane first)
    /// while that is needed. Returns the queue length including the reservation, or 0 when the entry is refused
    /// (the queue is full of entries of the same or a higher priority). Follow a successful reservation with
    /// <see cref="Publish"/>.
    /// </summary>
    public int TryReserve(PendingEntry entry)
    {
        var size = Math.Max(0, entry.EstimatedBytes);
        if (size > CapacityBytes) return 0;
        var lane = (int)QueueLanes.Of(entry.Type, entry.Level);
        while (true)
        {
            var count = Interlocked.Increment(ref _count);
            var bytes = Interlocked.Add(ref _bytes, size);
            if (count <= Capacity && bytes <= CapacityBytes) return count;
            Interlocked.Decrement(ref _count);
            Interlocked.Add(ref _bytes, -size);
            if (!TryEvictBelow(lane)) return 0;
        }
    }

    /// <summary>Makes a reserved entry visible to the senders.</summary>
    public void Publish(PendingEntry entry)
    {
        var lane = _lanes[(int)QueueLanes.Of(entry.Type, entry.Level)];
        lock (_gate) lane.Enqueue(entry);
    }

    /// <summary>
    /// Moves up to <paramref name="maxCount"/> entries into <paramref name="into"/>, highest lane first, FIFO
    /// within a lane, stopping before an entry whose estimated size would take the batch past
    /// <paramref name="maxBytes"/> (the first entry is always taken).
    /// </summary>
    public void Take(int maxCount, long maxBytes, Func<PendingEntry, long> sizeOf, List<PendingEntry> into)
    {
        var first = into.Count;
        lock (_gate) MoveHeads(maxCount, maxBytes, sizeOf, into);
        for (var i = first; i < into.Count; i++) Release(into[i]);
    }

    private void MoveHeads(int maxCount, long maxBytes, Func<PendingEntry, long> sizeOf, List<PendingEntry> into)
    {
        long taken = 0;
        foreach (var lane in _lanes)
        {
            while (into.Count < maxCount && lane.TryPeek(out var next))
            {
                var size = sizeOf(next);
                if (into.Count > 0 && taken + size > maxBytes) return;
                into.Add(lane.Dequeue());
                taken += size;
            }
        }
    }

    /// <summary>The <see cref="PendingEntry.EnqueuedAt"/> of the oldest published entry, or null when none is visible.</summary>
    public long? OldestEnqueuedAt()
    {
        long? oldest = null;
        lock (_gate)
        {
            foreach (var lane in _lanes)
            {
                if (lane.TryPeek(out var head) && (oldest is null || head.EnqueuedAt < oldest)) oldest = head.EnqueuedAt;
            }
        }
        return oldest;
    }

    /// <summary>Removes every published entry (used at close).</summary>
    public void DrainTo(List<PendingEntry> into)
    {
        var first = into.Count;
        lock (_gate)
        {
            foreach (var lane in _lanes)
            {
                while (lane.TryDequeue(out var entry)) into.Add(entry);
            }
        }
        for (var i = first; i < into.Count; i++) Release(into[i]);
    }

    private bool TryEvictBelow(int lane)
    {
        PendingEntry? victim = null;
        lock (_gate)
        {
            for (var victimLane = _lanes.Length - 1; victimLane > lane && victim is null; victimLane--)
            {
                _lanes[victimLane].TryDequeue(out victim);
            }
        }
        if (victim is null) return false;
        Release(victim);
        _onEvicted(victim);
        return true;
    }

    private void Release(PendingEntry entry)
    {
        Interlocked.Decrement(ref _count);
        Interlocked.Add(ref _bytes, -Math.Max(0, entry.EstimatedBytes));
    }
}
