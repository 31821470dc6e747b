namespace LogFlux.Sinks.Pipeline;

/// <summary>
/// While a batch waits to retry after a failure of the service rather than of the batch (502, 503, 504 or a
/// network error), the other senders start no new batch: the retried batch probes the service alone, and full
/// concurrency resumes once it settles.
/// </summary>
/// <remarks>
/// Without it, new batches keep a failing service busy while a batch waits, and the retried batch's attempts
/// interleave with theirs: its retry budget can be spent on a failure pattern that the other traffic keeps
/// meeting (a server failing every third request fails every attempt of a batch that always lands third). Alone,
/// a batch meets the service's failures as they come.
/// </remarks>
internal sealed class ProbeGate
{
    private readonly object _gate = new();
    private TaskCompletionSource _open = Opened();
    private int _probes;

    /// <summary>True while at least one batch probes the service.</summary>
    public bool IsHeld => Volatile.Read(ref _probes) > 0;

    /// <summary>A batch starts probing: new batches wait until every probe settled.</summary>
    public void Hold()
    {
        lock (_gate)
        {
            if (_probes++ == 0) _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>A probing batch settled (delivered, dropped, split or given up).</summary>
    public void Release()
    {
        TaskCompletionSource? open = null;
        lock (_gate)
        {
            if (_probes > 0 && --_probes == 0) open = _open;
        }
        open?.TrySetResult();
    }

    /// <summary>Called when a sender starts waiting for the probes to settle (a seam for tests).</summary>
    public Action? SenderWaiting { get; set; }

    /// <summary>Completes when no batch probes the service (at once when none does).</summary>
    public Task WaitOpenAsync(CancellationToken cancellationToken)
    {
        Task open;
        lock (_gate) open = _open.Task;
        if (open.IsCompleted) return Task.CompletedTask;
        SenderWaiting?.Invoke();
        return open.WaitAsync(cancellationToken);
    }

    private static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource();
        open.SetResult();
        return open;
    }
}
