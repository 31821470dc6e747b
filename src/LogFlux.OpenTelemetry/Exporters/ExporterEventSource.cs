using System.Diagnostics.Tracing;

namespace LogFlux.OpenTelemetry.Exporters;

/// <summary>
/// Self-diagnostics of the exporters, as OpenTelemetry's own components report theirs: an event source
/// (<c>LogFlux-OpenTelemetry</c>) that <c>dotnet-trace</c>, <c>dotnet-counters</c> or an <see cref="EventListener"/> can read.
/// The LogFlux client's own diagnostics go through <see cref="LogFluxOptions.DiagnosticListener"/> as usual.
/// </summary>
[EventSource(Name = "LogFlux-OpenTelemetry")]
internal sealed class ExporterEventSource : EventSource
{
    public static readonly ExporterEventSource Log = new();

    [Event(1, Level = EventLevel.Warning, Message = "The LogFlux {0} exporter: {1}")]
    public void Warning(string signal, string message) => WriteEvent(1, signal, message);

    [Event(2, Level = EventLevel.Error, Message = "The LogFlux {0} exporter could not map or queue an item: {1}")]
    public void ItemFailed(string signal, string error) => WriteEvent(2, signal, error);

    [Event(3, Level = EventLevel.Warning, Message = "The LogFlux {0} exporter did not finish {1} within {2} ms.")]
    public void TimedOut(string signal, string what, int timeoutMilliseconds) => WriteEvent(3, signal, what, timeoutMilliseconds);

    [NonEvent]
    public void ItemFailed(string signal, Exception exception)
    {
        if (IsEnabled(EventLevel.Error, EventKeywords.All)) ItemFailed(signal, exception.GetType().Name + ": " + exception.Message);
    }
}
