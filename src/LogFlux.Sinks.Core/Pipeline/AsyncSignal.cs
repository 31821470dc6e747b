namespace LogFlux.Sinks.Pipeline;

/// <summary>
/// A wake-up for the senders: take <see cref="Current"/> before checking the condition, then await it;
/// <see cref="Set"/> completes every task handed out so far. Enqueuers set it only when a sender waits, so the hot path allocates nothing.
/// </summary>
internal sealed class AsyncSignal
{
    private TaskCompletionSource _current = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waiters;

    public Task Current => Volatile.Read(ref _current).Task;

    /// <summary>True when a sender announced that it is about to wait.</summary>
    public bool HasWaiters => Volatile.Read(ref _waiters) > 0;

    public void BeginWait() => Interlocked.Increment(ref _waiters);

    public void EndWait() => Interlocked.Decrement(ref _waiters);

    public void Set()
    {
        var previous = Interlocked.Exchange(ref _current, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        previous.TrySetResult();
    }

    /// <summary>Sets the signal only when a sender waits; keeps the enqueue path allocation-free otherwise.</summary>
    public void SetIfWaiting()
    {
        if (HasWaiters) Set();
    }
}
