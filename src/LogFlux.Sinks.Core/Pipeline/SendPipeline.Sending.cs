using LogFlux.Sinks.Transport;

namespace LogFlux.Sinks.Pipeline;

internal sealed partial class SendPipeline
{
    private const int MaxErrorTextLength = 200;
    private const int MaxKeySwapsPerBatch = 3;

    /// <summary>
    /// Sends one batch taken from the queue and settles every entry in it (delivered, dropped, delivery unknown or
    /// kept in the durable buffer), whatever happens. A 413 splits the batch into halves that are sent in turn.
    /// </summary>
    private async Task SendBatchAsync(List<PendingEntry> batch, SessionKey session, CancellationToken token)
    {
        var parts = new Stack<BatchPart>();
        parts.Push(new BatchPart(batch, mayHaveArrived: false));
        BatchPart? current = null;
        try
        {
            while (parts.TryPop(out current))
            {
                session = await SendPartAsync(current, session, parts, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Shutdown deadline: what this sender still holds is lost, except what the durable buffer keeps for the next run.
            GiveUpHeld(current, parts, _pause.IsPaused ? DropReasons.RateLimitBackoff : DropReasons.Closed, keepBuffered: true);
        }
        catch (Exception ex)
        {
            _diagnostics.Error("Sending a batch failed unexpectedly; its entries are dropped.", ex);
            RecordFailure($"internal error: {ex.GetType().Name}");
            GiveUpHeld(current, parts, DropReasons.SendError, keepBuffered: false);
        }
    }

    private void GiveUpHeld(BatchPart? current, Stack<BatchPart> parts, string reason, bool keepBuffered)
    {
        if (current is not null) GiveUp(current, reason, keepBuffered);
        while (parts.TryPop(out var part)) GiveUp(part, reason, keepBuffered);
    }

    /// <summary>
    /// Settles a part that will not be sent again: kept in the durable buffer when asked, "delivery unknown" when
    /// a request of it may have reached the server, dropped for <paramref name="reason"/> otherwise.
    /// </summary>
    private void GiveUp(BatchPart part, string reason, bool keepBuffered)
    {
        if (keepBuffered && _store is not null) KeepBuffered(part.Entries);
        if (part.Entries.Count == 0) return;
        if (part.MayHaveArrived || part.Sending) SettleUnknown(part.Entries);
        else SettleDropped(part.Entries, reason, inFlight: true);
    }

    /// <summary>
    /// Takes the buffered entries out of <paramref name="entries"/> without acknowledging them: they stay in the
    /// durable buffer and are sent by the next run.
    /// </summary>
    private void KeepBuffered(List<PendingEntry> entries)
    {
        var kept = entries.RemoveAll(static e => e.Record is not null);
        if (kept == 0) return;
        _ledger.KeepForNextRun(kept);
    }

    /// <summary>
    /// With the durable buffer, a batch of buffered entries is not given up after the retries run out: it stays
    /// in the buffer and is retried at the longest backoff until it is delivered or the client closes.
    /// </summary>
    private bool KeepsRetrying(List<PendingEntry> entries) =>
        _store is not null && Volatile.Read(ref _closing) == 0 && entries.Exists(static e => e.Record is not null);

    /// <summary>
    /// Sends <paramref name="part"/> until it is settled (its list is then empty) or split (its pieces are pushed
    /// onto <paramref name="parts"/>). Returns the session key to use from now on.
    /// </summary>
    private async Task<SessionKey> SendPartAsync(BatchPart part, SessionKey session, Stack<BatchPart> parts, CancellationToken token)
    {
        try
        {
            return await SendPartCoreAsync(part, session, parts, token).ConfigureAwait(false);
        }
        finally
        {
            if (part.Probing)
            {
                part.Probing = false;
                _probe.Release();
            }
        }
    }

    private async Task<SessionKey> SendPartCoreAsync(BatchPart part, SessionKey session, Stack<BatchPart> parts, CancellationToken token)
    {
        var entries = part.Entries;
        var retry = 0;
        var renewed = false;
        var resendIsAmbiguous = false;
        var keySwaps = 0;
        while (entries.Count > 0)
        {
            await _pause.WaitAsync(token).ConfigureAwait(false);

            IEncodedBatch encoded;
            try
            {
                using var aes = session.CreateAesGcm();
                encoded = _encoder.Encode(entries, session, aes);
            }
            catch (ObjectDisposedException) when (session.IsDisposed && keySwaps++ < MaxKeySwapsPerBatch)
            {
                // The key was replaced and zeroed after this batch picked it up: take the current one.
                session = await _sessions.AcquireAsync(token).ConfigureAwait(false);
                continue;
            }

            IngestResult result;
            long bodyLength;
            Task<IngestResult>? sending = null;
            try
            {
                DropRejected(entries, encoded.Rejected);
                SetAsideOversized(part, encoded.Overflow, parts);
                if (entries.Count == 0) break;
                bodyLength = encoded.Body.Length;
                part.Sending = true;
                sending = _transport.SendAsync(session, encoded.Body, encoded.Boundary, token);
                result = await sending.WaitAsync(token).ConfigureAwait(false);
                part.Sending = false;
            }
            finally
            {
                // A transport that ignored cancellation may still read the body: leave the buffer to the GC then.
                if (sending is null || sending.IsCompleted) encoded.Dispose();
            }

            _counters.AddRequest();
            _counters.SetRateLimit(result.RateLimit);
            if (resendIsAmbiguous)
            {
                _counters.AddResentAfterAmbiguousFailure(entries.Count);
                resendIsAmbiguous = false;
            }

            if (result.IsSuccess)
            {
                SettleSent(entries, bodyLength);
                break;
            }

            if (result.ResponseLost) part.MayHaveArrived = true;
            RecordFailure(Describe(result));
            switch (result.StatusCode)
            {
                case 429:
                    var wait = _pause.Pause(result.RetryAfter);
                    _diagnostics.Warn($"Rate limited (HTTP 429): all sending pauses for {wait.TotalSeconds:0.#} s; the batch is kept and sent again.");
                    continue;

                case 401 or 403:
                    if (!renewed)
                    {
                        renewed = true;
                        _diagnostics.Info($"The server refused the session key (HTTP {result.StatusCode}); negotiating a new one.");
                        var fresh = await _sessions.RenewAsync(session, token).ConfigureAwait(false);
                        if (fresh is not null)
                        {
                            session = fresh;
                            continue;
                        }
                    }
                    else
                    {
                        _sessions.RejectFreshKey(session);
                    }
                    GiveUp(part, DropReasons.SendError, keepBuffered: false);
                    break;

                case 413 when entries.Count > 1:
                    var half = entries.Count / 2;
                    parts.Push(new BatchPart(entries.GetRange(half, entries.Count - half), part.MayHaveArrived));
                    parts.Push(new BatchPart(entries.GetRange(0, half), part.MayHaveArrived));
                    entries.Clear();
                    NoticeFailure($"The server refused a request as too large (HTTP 413); sending it again in two halves.");
                    break;

                case 507:
                    var category = QuotaBlocks.CategoryName(entries[0].Type);
                    var until = _quota.Block(entries[0].Type);
                    _diagnostics.Warn($"Quota exhausted for '{category}' (HTTP 507): {entries.Count} entries dropped; new '{category}' entries are dropped until {until:u}.");
                    GiveUp(part, DropReasons.QuotaExceeded, keepBuffered: false);
                    break;

                case 0 or 500 or 502 or 503 or 504:
                    var keepRetrying = retry >= _settings.MaxRetries && KeepsRetrying(entries);
                    if (retry < _settings.MaxRetries || keepRetrying)
                    {
                        if (keepRetrying && retry == _settings.MaxRetries)
                            NoticeFailure($"Send failed after {retry} retries ({Describe(result)}); {entries.Count} entries stay in the durable buffer and are retried.");
                        if (result.StatusCode != 500 && !part.Probing)
                        {
                            part.Probing = true;
                            _probe.Hold();
                        }
                        retry = Math.Min(retry + 1, int.MaxValue - 1);
                        _counters.AddRetry();
                        resendIsAmbiguous = result.ResponseLost;
                        var delay = Backoff.Delay(retry, _settings.InitialDelay, _settings.MaxDelay, _settings.BackoffFactor, _jitter());
                        _diagnostics.Debug($"Send failed ({Describe(result)}); retry {retry} of {_settings.MaxRetries} in {delay.TotalMilliseconds:0} ms.");
                        await Task.Delay(delay, _time, token).ConfigureAwait(false);
                        continue;
                    }
                    if (_store is not null && Volatile.Read(ref _closing) != 0) KeepBuffered(entries);
                    if (entries.Count == 0) break;
                    NoticeFailure(part.MayHaveArrived
                        ? $"Send failed after {retry} retries ({Describe(result)}); an earlier response was lost, so the server may have stored the {entries.Count} entries: counted as delivery unknown."
                        : $"Send failed after {retry} retries ({Describe(result)}); {entries.Count} entries dropped.");
                    GiveUp(part, result.IsNetworkError ? DropReasons.NetworkError : DropReasons.SendError, keepBuffered: false);
                    break;

                default:
                    NoticeFailure($"The server refused a batch ({Describe(result)}); {entries.Count} entries {(part.MayHaveArrived ? "counted as delivery unknown (an earlier response was lost)" : "dropped")}.");
                    GiveUp(part, DropReasons.SendError, keepBuffered: false);
                    break;
            }
        }
        return session;
    }

    private void DropRejected(List<PendingEntry> entries, IReadOnlyList<(PendingEntry Entry, string Reason)> rejected)
    {
        if (rejected.Count == 0) return;
        var dropped = new List<PendingEntry>(rejected.Count);
        foreach (var (entry, _) in rejected)
        {
            if (entries.Remove(entry)) dropped.Add(entry);
        }
        NoticeFailure($"{dropped.Count} entries could not be encoded and were dropped (first reason: {Scrub(rejected[0].Reason)}).");
        SettleDropped(dropped, DropReasons.ValidationError, inFlight: true);
    }

    /// <summary>Entries that did not fit under the request size go into the next request of this batch.</summary>
    private static void SetAsideOversized(BatchPart part, IReadOnlyList<PendingEntry> oversized, Stack<BatchPart> parts)
    {
        if (oversized.Count == 0) return;
        var later = new List<PendingEntry>(oversized.Count);
        foreach (var entry in oversized)
        {
            if (part.Entries.Remove(entry)) later.Add(entry);
        }
        if (later.Count > 0) parts.Push(new BatchPart(later, part.MayHaveArrived));
    }

    private static string Describe(IngestResult result)
    {
        var status = result.IsNetworkError ? "network error" : $"HTTP {result.StatusCode}";
        return string.IsNullOrEmpty(result.ErrorText) ? status : $"{status}: {result.ErrorText}";
    }

    private void RecordFailure(string text) => _counters.SetLastFailure(Truncate(Scrub(text)), _time.GetUtcNow());

    private void NoticeFailure(string message)
    {
        if (_failureNotices.TryEnter()) _diagnostics.Warn(Scrub(message));
    }

    /// <summary>Error texts come from servers and exceptions; make sure the API key never travels on in one.</summary>
    private string Scrub(string text) =>
        _apiKey is null || !text.Contains(_apiKey, StringComparison.Ordinal) ? text : text.Replace(_apiKey, "***", StringComparison.Ordinal);

    private static string Truncate(string text) => text.Length <= MaxErrorTextLength ? text : text[..MaxErrorTextLength];
}
