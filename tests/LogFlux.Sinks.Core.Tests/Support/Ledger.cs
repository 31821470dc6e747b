namespace LogFlux.Sinks.Core.Tests.Support;

/// <summary>The delivery ledger's invariant, checked on a stats snapshot taken while nothing moves.</summary>
internal static class Ledger
{
    /// <summary>Accepted and recovered entries minus every outcome and every entry still waiting or in flight: 0 when the books balance.</summary>
    public static long Unaccounted(LogFluxStats s) =>
        s.EntriesQueued + s.BufferRecovered
        - (s.EntriesSent + s.EntriesDroppedAfterQueued + s.EntriesDeliveryUnknown + s.EntriesKeptInBuffer + s.QueueDepth + s.InFlight);

    public static void AssertBalanced(LogFluxStats stats) =>
        Assert.That(Unaccounted(stats), Is.Zero,
            () => "accepted + recovered = sent + dropped after queued + delivery unknown + kept in buffer + queued + in flight: " + stats);
}
