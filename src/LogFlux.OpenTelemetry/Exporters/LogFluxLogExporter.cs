using LogFlux.OpenTelemetry.Exporters;
using LogFlux.OpenTelemetry.Mapping;
using OpenTelemetry;
using OpenTelemetry.Logs;

namespace LogFlux.OpenTelemetry;

/// <summary>
/// Exports log records (<c>ILogger</c> calls routed through OpenTelemetry) as LogFlux log entries (see
/// <c>docs/opentelemetry.md</c> for the mapping). Export only queues into the LogFlux client (which never blocks); it
/// never throws.
/// </summary>
public sealed class LogFluxLogExporter : BaseExporter<LogRecord>
{
    private const string Signal = "log";
    private readonly ExporterClient _client;

    /// <summary>Creates the exporter.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="LogFluxConfigurationException">The API key or another client option is invalid.</exception>
    public LogFluxLogExporter(LogFluxExporterOptions options)
        => _client = new ExporterClient(options, Signal);

    /// <inheritdoc />
    public override ExportResult Export(in Batch<LogRecord> batch)
    {
        using var suppress = SuppressInstrumentationScope.Begin();
        var client = _client.Client;
        if (client is null)
        {
            _client.CountNoClient((int)Math.Min(batch.Count, int.MaxValue));
            return ExportResult.Failure;
        }
        var source = _client.Source(ParentProvider);
        foreach (var record in batch)
        {
            try
            {
                client.EnqueueCaptured(LogRecordMapper.ToEntry(record, source));
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
}
