namespace LogFlux.Sinks.Pipeline;

internal sealed partial class SendPipeline
{
    /// <summary>Longest wait <see cref="Task.WaitAsync(TimeSpan)"/> accepts.</summary>
    private static readonly TimeSpan s_longestWait = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly object _closeGate = new();
    private Task<bool>? _closeTask;

    /// <summary>
    /// Sends what is queued now and waits until every entry accepted before the call is settled (sent or
    /// dropped, including batches being sent or waiting for a retry). Returns false at the deadline or on
    /// cancellation; never throws.
    /// </summary>
    public async Task<bool> FlushAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        FlushTracker.Waiter? waiter = null;
        try
        {
            waiter = _flush.Register();
            if (waiter is null) return true;
            _wake.Set();
            var done = waiter.Signal.Task;
            if (timeout == Timeout.InfiniteTimeSpan || timeout > s_longestWait)
            {
                await done.WaitAsync(ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            else if (timeout > TimeSpan.Zero)
            {
                await done.WaitAsync(timeout, _time, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            return done.IsCompleted;
        }
        catch (Exception ex)
        {
            ReportInternalError(ex);
            return false;
        }
        finally
        {
            if (waiter is not null) _flush.Unregister(waiter);
        }
    }

    /// <summary>
    /// Closes the pipeline: later entries are dropped as <c>closed</c>; what is queued is sent within
    /// <paramref name="timeout"/>; at the deadline requests in flight are cancelled, the senders stop, and whatever
    /// is left is dropped (<c>closed</c>, or <c>ratelimit_backoff</c> while rate limited). Returns true when
    /// everything accepted before the close was settled in time and nothing had to be dropped for the shutdown.
    /// Idempotent: every call returns the first call's task. Never throws.
    /// </summary>
    public Task<bool> CloseAsync(TimeSpan timeout)
    {
        lock (_closeGate)
        {
            return _closeTask ??= CloseCoreAsync(timeout);
        }
    }

    /// <summary>Closes the durable buffer; returns how many entries it keeps for the next run.</summary>
    private long CloseStore()
    {
        if (_store is null) return 0;
        var kept = _store.Waiting + _ledger.KeptForNextRun;
        _store.Dispose();
        if (kept > 0)
            _diagnostics.Warn($"{kept} entries were not delivered before the client closed; they stay in the durable buffer at {_store.DirectoryPath} and are sent by the next run that uses it.");
        return kept;
    }

    private async Task<bool> CloseCoreAsync(TimeSpan timeout)
    {
        try
        {
            Interlocked.Exchange(ref _closed, 1);
            // An enqueue that passed the closed check finishes within microseconds (it never waits).
            var spin = new SpinWait();
            while (Volatile.Read(ref _activeWriters) != 0) spin.SpinOnce();

            Volatile.Write(ref _closing, 1);
            var flushed = await FlushAsync(timeout).ConfigureAwait(false);

            await _stop.CancelAsync().ConfigureAwait(false);
            _wake.Set();
            await Task.WhenAll(_workers).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await _dropReportTimer.DisposeAsync().ConfigureAwait(false);

            var leftovers = new List<PendingEntry>();
            _queue.DrainTo(leftovers);
            var lost = leftovers.Count;
            if (lost > 0)
            {
                _diagnostics.Warn($"{lost} entries were still queued when the shutdown budget ran out; they are dropped.");
                SettleDropped(leftovers, DropReasons.Closed, inFlight: false);
            }
            var kept = CloseStore();
            _ledger.Drops.ReportIfDue(force: true);
            _metrics.Dispose();
            return flushed && lost == 0 && kept == 0;
        }
        catch (Exception ex)
        {
            ReportInternalError(ex);
            return false;
        }
    }
}
