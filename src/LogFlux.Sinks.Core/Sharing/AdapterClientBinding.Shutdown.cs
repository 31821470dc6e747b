using System.Diagnostics;

namespace LogFlux.Sinks.Sharing;

/// <summary>Bounded flush and close of an adapter's client.</summary>
internal sealed partial class AdapterClientBinding
{
    // Room for the client's own bounded wait to return before the caller stops waiting for it.
    private static readonly TimeSpan WaitGrace = TimeSpan.FromMilliseconds(250);

    private long _lastFlushStarted = long.MinValue;
    private long _lastFlushEnded = long.MinValue;

    /// <summary>
    /// Sends what is queued, waiting at most <paramref name="timeout"/> (<see cref="ShutdownTimeout"/> when null).
    /// True when everything was sent (or there is nothing to send); false when the time ran out or the flush failed
    /// (the failure is reported through the channel). Never throws.
    /// </summary>
    public async Task<bool> FlushAsync(TimeSpan? timeout = null)
    {
        var client = Client;
        if (client is null) return true;
        var budget = Positive(timeout ?? ShutdownTimeout);
        Volatile.Write(ref _lastFlushStarted, Stopwatch.GetTimestamp());
        try
        {
            return await Bounded(client.FlushAsync(budget), budget, "flush").ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _lastFlushEnded, Stopwatch.GetTimestamp());
        }
    }

    /// <summary>The blocking form of <see cref="FlushAsync"/>: waits on the pool, so a caller's synchronisation context cannot deadlock it.</summary>
    public bool Flush(TimeSpan? timeout = null) => Wait(() => FlushAsync(timeout), timeout);

    /// <summary>
    /// Flushes and lets go of the client: the lease is released (the last lease on a shared client closes it, sending
    /// what is left within what remains of the budget); an explicit, injected or Init client stays open. A flush and the
    /// close that follows it (a framework's shutdown) share one budget: a close right after a flush gets what that flush
    /// left of it. Later events count as no-client drops without a report. Idempotent; never throws.
    /// </summary>
    /// <param name="budget">The longest time to spend; <see cref="ShutdownTimeout"/> when null.</param>
    /// <returns>True when everything queued was sent.</returns>
    public async Task<bool> CloseAsync(TimeSpan? budget = null)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return true;
        var window = RemainingAfterLastFlush(Positive(budget ?? ShutdownTimeout));
        var started = Stopwatch.GetTimestamp();
        var client = Interlocked.Exchange(ref _attached, null) ?? _source?.Client;
        var lease = Interlocked.Exchange(ref _lease, null);
        try
        {
            var complete = client is null || client.IsClosed || await Bounded(client.FlushAsync(window), window, "flush at close").ConfigureAwait(false);
            if (lease is null) return complete;
            var left = Positive(window - Stopwatch.GetElapsedTime(started));
            return await Bounded(lease.ReleaseAsync(left), left, "close").ConfigureAwait(false) && complete;
        }
        finally
        {
            // Only now: what the close dropped, and why, has been reported through the channel.
            if (client is not null) client.Diagnostic -= _forward;
        }
    }

    /// <summary>The blocking form of <see cref="CloseAsync"/>, bounded the same way.</summary>
    public bool Close(TimeSpan? budget = null) => Wait(() => CloseAsync(budget), budget);

    private bool Wait(Func<Task<bool>> work, TimeSpan? timeout)
    {
        try
        {
            var task = Task.Run(work);
            return task.Wait(Positive(timeout ?? ShutdownTimeout) + WaitGrace + WaitGrace) && task.Result;
        }
        catch (Exception ex)
        {
            _channel.Report(LogFluxDiagnosticLevel.Error, "waiting for the LogFlux client failed", ex);
            return false;
        }
    }

    private async Task<bool> Bounded(Task<bool> work, TimeSpan budget, string what)
    {
        try
        {
            return await work.WaitAsync(budget + WaitGrace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (Exception ex)
        {
            _channel.Report(LogFluxDiagnosticLevel.Error, $"the {what} of the LogFlux client failed", ex);
            return false;
        }
    }

    /// <summary>
    /// A close that follows a flush still running, or one that ended less than a budget ago, gets what is left of the
    /// budget counted from that flush's start (possibly nothing: what is still queued is then dropped and reported).
    /// </summary>
    private TimeSpan RemainingAfterLastFlush(TimeSpan budget)
    {
        var started = Volatile.Read(ref _lastFlushStarted);
        if (started == long.MinValue) return budget;
        var ended = Volatile.Read(ref _lastFlushEnded);
        var running = ended < started;
        if (!running && Stopwatch.GetElapsedTime(ended) >= budget) return budget;
        return Positive(budget - Stopwatch.GetElapsedTime(started));
    }

    private static TimeSpan Positive(TimeSpan value) => value > TimeSpan.Zero ? value : TimeSpan.Zero;
}
