using LogFlux.Sinks.Transport;

namespace LogFlux.Sinks.Pipeline;

internal sealed partial class SendPipeline
{
    /// <summary>A consistent-enough snapshot of the figures (each counter is read atomically). Never throws.</summary>
    public LogFluxStats GetStats()
    {
        TransportState state = default;
        try
        {
            state = _transport.State;
        }
        catch (Exception ex)
        {
            ReportInternalError(ex);
        }
        var buffer = _store?.Stats;
        var rateLimit = _counters.RateLimit;
        var failure = _counters.LastFailure;
        return new LogFluxStats
        {
            EntriesQueued = _flush.LastSequence,
            EntriesSent = _ledger.Delivered,
            EntriesDropped = _ledger.Drops.Total,
            EntriesDroppedAfterQueued = _ledger.DroppedAfterQueued,
            EntriesDeliveryUnknown = _ledger.DeliveryUnknown,
            EntriesKeptInBuffer = _ledger.KeptForNextRun,
            DropReasons = _ledger.Drops.Snapshot(),
            EntriesSampledOut = _counters.SampledOut,
            Retries = _counters.Retries,
            Requests = _counters.Requests,
            BytesSent = _ledger.BytesDelivered,
            EntriesResentAfterAmbiguousFailure = _counters.ResentAfterAmbiguousFailure,
            Handshakes = state.Handshakes,
            HandshakeOk = state.HandshakeOk,
            KeySource = state.KeySource,
            ServerKeyFingerprint = state.ServerKeyFingerprint,
            LastHandshakeError = state.LastError is null ? null : Scrub(state.LastError),
            QueueDepth = Waiting,
            QueueBytes = _queue.Bytes,
            QueueCapacity = _queue.Capacity,
            QueueCapacityBytes = _queue.CapacityBytes,
            InFlight = _ledger.InFlight,
            LastSendError = failure?.Text,
            LastSendErrorTime = failure?.Time,
            LastSendTime = _ledger.LastDelivery,
            RateLimitLimit = rateLimit.Limit,
            RateLimitRemaining = rateLimit.Remaining,
            RateLimitReset = rateLimit.Reset,
            RateLimitedUntil = _pause.Until,
            QuotaBlockedCategories = _quota.BlockedCategories(),
            IsClosed = IsClosed,
            BufferEnabled = _store is not null,
            BufferBytes = buffer?.Bytes ?? 0,
            BufferCapacityBytes = buffer?.MaxBytes ?? 0,
            BufferedEntries = buffer is { } b ? b.UnreadRecords + b.InFlightRecords : 0,
            BufferReplayed = buffer?.ReplayedRecords ?? 0,
            BufferRecovered = buffer?.RecoveredRecords ?? 0,
        };
    }
}
