using LogFlux.Sinks.Adapters;
using OpenTelemetry;

namespace LogFlux.OpenTelemetry.Exporters;

/// <summary>
/// Runs every HTTP request of the LogFlux clients (discovery, handshake, ingest) inside OpenTelemetry's
/// <see cref="SuppressInstrumentationScope"/>: the clients send from their own threads, outside any export call, so the
/// scope is entered around each request through <see cref="LogFluxOwnRequests"/>. Without it the HttpClient
/// instrumentation would trace each ingest request, and the exporter would send that span in the next request.
/// </summary>
internal static class OwnRequestSuppression
{
    private static readonly Func<IDisposable?> s_enter = () => SuppressInstrumentationScope.Begin();

    public static void Register() => LogFluxOwnRequests.AddScope(s_enter);
}
