using LogFlux.Sinks;

namespace AotSample;

/// <summary>What one client was given and what it delivered.</summary>
internal sealed record DeliveryReport(string Part, bool Flushed, LogFluxStats Stats, long DroppedWithoutClient)
{
    /// <summary>Entries the client delivered.</summary>
    public long Sent => Stats.EntriesSent;

    /// <summary>True when the flush completed and nothing was dropped on the way.</summary>
    public bool Delivered => Flushed && DroppedWithoutClient == 0 && Stats.EntriesDropped == 0 && Stats.EntriesSent == Stats.EntriesQueued && Stats.EntriesSent > 0;

    public override string ToString() =>
        $"{Part}: queued {Stats.EntriesQueued}, sent {Stats.EntriesSent}, dropped {Stats.EntriesDropped + DroppedWithoutClient}, flushed {Flushed}"
        + (Stats.LastSendError is { } error ? $", last error: {error}" : string.Empty)
        + (Stats.LastHandshakeError is { } handshake ? $", handshake error: {handshake}" : string.Empty);
}
