using System.Diagnostics;
using LogFlux.OpenTelemetry.Exporters;
using LogFlux.OpenTelemetry.Mapping;
using LogFlux.Sinks.Adapters;
using OpenTelemetry;

namespace LogFlux.OpenTelemetry;

/// <summary>
/// Exports ended, sampled activities as LogFlux spans (see <c>docs/opentelemetry.md</c> for the mapping) and their
/// <c>exception</c> events as error captures linked to the span. Activities of the LogFlux client's own sources
/// (<see cref="LogFluxSpan.ActivitySourceName"/>, <see cref="FrameworkSpan.ActivitySourceName"/>) are skipped: the client
/// sends those spans itself. Export only queues into the LogFlux client (which never blocks); it never throws.
/// </summary>
public sealed class LogFluxTraceExporter : BaseExporter<Activity>
{
    private const string Signal = "trace";
    private readonly ExporterClient _client;

    /// <summary>Creates the exporter.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="LogFluxConfigurationException">The API key or another client option is invalid.</exception>
    public LogFluxTraceExporter(LogFluxExporterOptions options)
        => _client = new ExporterClient(options, Signal);

    /// <inheritdoc />
    public override ExportResult Export(in Batch<Activity> batch)
    {
        using var suppress = SuppressInstrumentationScope.Begin();
        var client = _client.Client;
        if (client is null)
        {
            _client.CountNoClient((int)Math.Min(batch.Count, int.MaxValue));
            return ExportResult.Failure;
        }
        var source = _client.Source(ParentProvider);
        foreach (var activity in batch)
        {
            try
            {
                if (IsClientOwn(activity)) continue;
                client.Enqueue(SpanMapper.ToEntry(activity, source));
                foreach (ref readonly var activityEvent in activity.EnumerateEvents())
                {
                    if (activityEvent.Name == ExceptionEventMapper.EventName)
                    {
                        client.EnqueueCaptured(ExceptionEventMapper.ToEntry(activity, in activityEvent, source));
                    }
                }
            }
            catch (Exception ex)
            {
                // Only a client with Failsafe off throws (closed or invalid entry); the entry was counted as a drop.
                ExporterEventSource.Log.ItemFailed(Signal, ex);
            }
        }
        return ExportResult.Success;
    }

    /// <inheritdoc />
    protected override bool OnForceFlush(int timeoutMilliseconds) => _client.Flush(timeoutMilliseconds);

    /// <inheritdoc />
    protected override bool OnShutdown(int timeoutMilliseconds) => _client.Close(timeoutMilliseconds);

    internal static bool IsClientOwn(Activity activity)
    {
        var name = activity.Source.Name;
        return name == LogFluxSpan.ActivitySourceName || name == FrameworkSpan.ActivitySourceName;
    }
}
