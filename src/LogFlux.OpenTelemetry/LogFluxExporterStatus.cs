using LogFlux.Sinks.Adapters;

namespace LogFlux.OpenTelemetry;

/// <summary>Process-wide counters of the LogFlux exporters that the client's own statistics cannot hold.</summary>
public static class LogFluxExporterStatus
{
    /// <summary>
    /// Spans, metric points and log records dropped because an exporter had no client: no API key
    /// (<see cref="LogFluxExporterOptions.ClientOptions"/> or <c>LOGFLUX_API_KEY</c>) and no <c>LogFluxSdk.Init</c>
    /// client, or invalid client options. Drops of an exporter that has a client are counted in that client's
    /// <see cref="LogFluxClient.GetStats"/>.
    /// </summary>
    public static long NoClientDrops => Drops.Count;

    internal static NoClientDrops Drops { get; } = new();
}
