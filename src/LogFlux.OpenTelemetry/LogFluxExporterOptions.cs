using OpenTelemetry;

namespace LogFlux.OpenTelemetry;

/// <summary>
/// Options of the LogFlux exporters. The client is chosen like in the other LogFlux adapters: <see cref="Client"/> if
/// set; else the shared client of the API key and endpoint in <see cref="ClientOptions"/> (one client, one queue and
/// one handshake per key and endpoint in the process, whichever adapters use it); without an API key (in
/// <see cref="ClientOptions"/> or <c>LOGFLUX_API_KEY</c>) the client set up by <c>LogFluxSdk.Init</c>.
/// </summary>
public sealed class LogFluxExporterOptions
{
    /// <summary>Default interval of the metric reader: 60 seconds, OpenTelemetry's own default.</summary>
    public static readonly TimeSpan DefaultMetricExportInterval = TimeSpan.FromSeconds(60);

    /// <summary>A client the exporters use as it is (never closed by them).</summary>
    public LogFluxClient? Client { get; set; }

    /// <summary>Options of the shared client (API key, endpoint, source…); unset options come from the <c>LOGFLUX_*</c> environment variables.</summary>
    public LogFluxOptions ClientOptions { get; set; } = new();

    /// <summary>
    /// How spans and log records reach the exporter: <see cref="ExportProcessorType.Batch"/> (default) maps them on
    /// OpenTelemetry's export thread, off the application's threads; <see cref="ExportProcessorType.Simple"/> maps each
    /// one where it ends (the LogFlux client queues and batches on its own either way, and never blocks).
    /// </summary>
    public ExportProcessorType ExportProcessorType { get; set; } = ExportProcessorType.Batch;

    /// <summary>How often the metric reader collects and exports (delta temporality). Default 60 seconds.</summary>
    public TimeSpan MetricExportInterval { get; set; } = DefaultMetricExportInterval;

    /// <summary>
    /// Use <c>service.name</c> of the OpenTelemetry resource as the entries' <c>source</c> (default true). Ignored
    /// while it is OpenTelemetry's placeholder <c>unknown_service…</c>; the client's configured source applies then.
    /// </summary>
    public bool UseServiceNameAsSource { get; set; } = true;

    internal void Validate()
    {
        if (MetricExportInterval <= TimeSpan.Zero || MetricExportInterval.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(MetricExportInterval), MetricExportInterval,
                "MetricExportInterval must be positive and below 24.8 days.");
        }
        if (!Enum.IsDefined(ExportProcessorType))
        {
            throw new ArgumentOutOfRangeException(nameof(ExportProcessorType), ExportProcessorType, "ExportProcessorType must be Simple or Batch.");
        }
        if (Client is null && ClientOptions is null)
        {
            throw new ArgumentException("ClientOptions must not be null (set Client or ClientOptions).", nameof(ClientOptions));
        }
    }
}
