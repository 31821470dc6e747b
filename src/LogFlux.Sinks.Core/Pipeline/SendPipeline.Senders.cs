using System.Diagnostics;
using LogFlux.Sinks.Transport;

namespace LogFlux.Sinks.Pipeline;

internal sealed partial class SendPipeline
{
    /// <summary>Estimated multipart overhead of one part: delimiter, headers, nonce, GCM tag and gzip framing.</summary>
    private const int PartOverheadBytes = 320;

    /// <summary>Estimated overhead of one request body beyond its parts (closing delimiter).</summary>
    private const int RequestOverheadBytes = 64;

    private static readonly TimeSpan s_pauseAfterCrash = TimeSpan.FromSeconds(1);

    private int _closing;

    /// <summary>While a flush waits or the client closes, senders send whatever is queued without waiting for full batches.</summary>
    private bool SendNow => _flush.HasWaiters || Volatile.Read(ref _closing) != 0;

    private async Task RunSenderAsync()
    {
        Activity.Current = null;
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await _pause.WaitAsync(token).ConfigureAwait(false);
                var session = await _sessions.AcquireAsync(token).ConfigureAwait(false);
                Volatile.Write(ref _effectiveBatchSize, EffectiveBatchSize(session));
                if (!await WaitUntilBatchReadyAsync(token).ConfigureAwait(false)) continue;
                if (_probe.IsHeld)
                {
                    await _probe.WaitOpenAsync(token).ConfigureAwait(false);
                    continue;
                }
                var batch = TakeBatch(session);
                if (batch.Count > 0) await SendBatchAsync(batch, session, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                ReportInternalError(ex);
                await Task.Delay(s_pauseAfterCrash, _time, token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private int EffectiveBatchSize(SessionKey session)
    {
        var serverMax = session.Limits.MaxBatchSize;
        return serverMax > 0 ? Math.Min(_settings.BatchSize, serverMax) : _settings.BatchSize;
    }

    /// <summary>
    /// Waits until a batch should be formed: a full batch is queued, the oldest entry has waited the flush
    /// interval, the byte bound is half used, or a flush/close asks for everything now. Returns false when the
    /// sender should go round its loop again (rate-limit pause).
    /// </summary>
    private async Task<bool> WaitUntilBatchReadyAsync(CancellationToken token)
    {
        while (true)
        {
            token.ThrowIfCancellationRequested();
            var signal = _wake.Current;
            _wake.BeginWait();
            try
            {
                if (_pause.IsPaused) return false;
                TimeSpan? wait = null;
                var waiting = Waiting;
                if (waiting > 0)
                {
                    if (SendNow || waiting >= ReadyThreshold || UnderBytePressure) return true;
                    var oldest = OldestWaitingSince();
                    var age = oldest is { } at ? _time.GetElapsedTime(at) : TimeSpan.Zero;
                    if (age >= _settings.FlushInterval) return true;
                    // With no entry visible yet (reserved, not yet published), a full interval bounds the wait.
                    wait = _settings.FlushInterval - age;
                }
                var wakeUp = wait is { } delay ? signal.WaitAsync(delay, _time, token) : signal.WaitAsync(token);
                await wakeUp.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            finally
            {
                _wake.EndWait();
            }
        }
    }

    private List<PendingEntry> TakeBatch(SessionKey session)
    {
        var maxCount = EffectiveBatchSize(session);
        var maxRequest = session.Limits.MaxRequestSize;
        var maxBytes = maxRequest > 0 ? Math.Max(1, maxRequest - RequestOverheadBytes) : long.MaxValue;
        var batch = new List<PendingEntry>((int)Math.Clamp(Waiting, 1, maxCount));
        _store?.Take(maxCount, batch);
        // Buffer entries go first; the encoder defers what does not fit under the request size.
        _queue.Take(maxCount, maxBytes, static e => (long)e.EstimatedBytes + PartOverheadBytes, batch);
        _ledger.TakeForSending(batch.Count);

        // A 507 may have blocked a category after these entries were queued.
        List<PendingEntry>? blocked = null;
        for (var i = batch.Count - 1; i >= 0; i--)
        {
            if (!_quota.IsBlocked(batch[i].Type)) continue;
            (blocked ??= new List<PendingEntry>()).Add(batch[i]);
            batch.RemoveAt(i);
        }
        if (blocked is not null) SettleDropped(blocked, DropReasons.QuotaExceeded, inFlight: true);
        return batch;
    }
}
