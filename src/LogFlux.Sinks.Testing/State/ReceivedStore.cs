namespace LogFlux.Sinks.Testing.State;

/// <summary>
/// Accepted entries and seen requests, in arrival order, plus a change signal that the wait helpers await.
/// </summary>
internal sealed class ReceivedStore
{
    private readonly object _gate = new();
    private readonly List<ReceivedEntry> _entries = [];
    private readonly List<ReceivedRequest> _requests = [];
    private TaskCompletionSource _changed = NewSignal();

    public IReadOnlyList<ReceivedEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return _entries.ToArray();
            }
        }
    }

    public IReadOnlyList<ReceivedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>Adds one request's entries atomically (so they stay contiguous) together with the request record.</summary>
    public void Add(IReadOnlyList<ReceivedEntry> entries, ReceivedRequest request)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _entries.AddRange(entries);
            _requests.Add(request);
            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _requests.Clear();
        }
    }

    /// <summary>
    /// Waits until <paramref name="probe"/> returns a value for the current snapshot, re-checking on every change.
    /// </summary>
    public async Task<T> WaitAsync<T>(
        Func<IReadOnlyList<ReceivedEntry>, IReadOnlyList<ReceivedRequest>, T?> probe,
        TimeSpan timeout,
        Func<IReadOnlyList<ReceivedEntry>, IReadOnlyList<ReceivedRequest>, string> describeFailure)
        where T : class
    {
        using var timeoutSource = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            ReceivedEntry[] entries;
            ReceivedRequest[] requests;
            lock (_gate)
            {
                entries = _entries.ToArray();
                requests = _requests.ToArray();
                changed = _changed.Task;
            }

            if (probe(entries, requests) is { } result)
            {
                return result;
            }

            try
            {
                await changed.WaitAsync(timeoutSource.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested)
            {
                lock (_gate)
                {
                    entries = _entries.ToArray();
                    requests = _requests.ToArray();
                }

                if (probe(entries, requests) is { } late)
                {
                    return late;
                }

                throw new TimeoutException(describeFailure(entries, requests));
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
