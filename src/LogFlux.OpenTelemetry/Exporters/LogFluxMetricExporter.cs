using LogFlux.OpenTelemetry.Exporters;
using LogFlux.OpenTelemetry.Mapping;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace LogFlux.OpenTelemetry;

/// <summary>
/// Exports metric points as LogFlux metric entries (see <c>docs/opentelemetry.md</c> for the mapping). Use it with a
/// metric reader whose temporality preference is <see cref="MetricReaderTemporalityPreference.Delta"/> (as
/// <c>AddLogFluxExporter()</c> sets up), so counters arrive as increases. Export only queues into the LogFlux client
/// (which never blocks); it never throws.
/// </summary>
public sealed class LogFluxMetricExporter : BaseExporter<Metric>
{
    private const string Signal = "metric";
    private readonly ExporterClient _client;

    /// <summary>Creates the exporter.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="LogFluxConfigurationException">The API key or another client option is invalid.</exception>
    public LogFluxMetricExporter(LogFluxExporterOptions options)
        => _client = new ExporterClient(options, Signal);

    /// <inheritdoc />
    public override ExportResult Export(in Batch<Metric> batch)
    {
        using var suppress = SuppressInstrumentationScope.Begin();
        var client = _client.Client;
        if (client is null)
        {
            var points = 0;
            foreach (var metric in batch)
            {
                foreach (ref readonly var point in metric.GetMetricPoints()) points++;
            }
            _client.CountNoClient(points);
            return ExportResult.Failure;
        }
        var source = _client.Source(ParentProvider);
        Action<MetricEntry> send = entry =>
        {
            try
            {
                client.Enqueue(entry);
            }
            catch (Exception ex)
            {
                // Only a client with Failsafe off throws (closed or invalid entry); the entry was counted as a drop.
                ExporterEventSource.Log.ItemFailed(Signal, ex);
            }
        };
        foreach (var metric in batch) MetricMapper.Map(metric, source, send);
        return ExportResult.Success;
    }

    /// <inheritdoc />
    protected override bool OnForceFlush(int timeoutMilliseconds) => _client.Flush(timeoutMilliseconds);

    /// <inheritdoc />
    protected override bool OnShutdown(int timeoutMilliseconds) => _client.Close(timeoutMilliseconds);
}
