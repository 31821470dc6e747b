using LogFlux.OpenTelemetry;

// In OpenTelemetry's namespace, like its own exporters' helpers: AddLogFluxExporter() needs no extra using.
namespace OpenTelemetry.Metrics;

/// <summary><c>AddLogFluxExporter()</c> for metrics.</summary>
public static class LogFluxMeterProviderBuilderExtensions
{
    /// <summary>
    /// Exports the provider's metrics to LogFlux with the API key of <c>LOGFLUX_API_KEY</c> (or the <c>LogFluxSdk.Init</c>
    /// client), through a periodic reader with delta temporality, every 60 seconds.
    /// </summary>
    /// <param name="builder">The meter provider builder.</param>
    /// <returns>The builder.</returns>
    public static MeterProviderBuilder AddLogFluxExporter(this MeterProviderBuilder builder) => AddLogFluxExporter(builder, configure: null);

    /// <summary>Exports the provider's metrics to LogFlux through a periodic reader with delta temporality.</summary>
    /// <param name="builder">The meter provider builder.</param>
    /// <param name="configure">Sets the options (client, API key, endpoint, export interval).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="LogFluxConfigurationException">When the provider is built: the API key or another client option is invalid.</exception>
    public static MeterProviderBuilder AddLogFluxExporter(this MeterProviderBuilder builder, Action<LogFluxExporterOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddReader(_ =>
        {
            var options = ExporterOptionsFactory.Create(configure);
            var interval = (int)options.MetricExportInterval.TotalMilliseconds;
            return new PeriodicExportingMetricReader(new LogFluxMetricExporter(options), interval, ExportTimeoutMilliseconds)
            {
                // Counters as increases per export, so LogFlux never counts anything twice.
                TemporalityPreference = MetricReaderTemporalityPreference.Delta,
            };
        });
    }

    private const int ExportTimeoutMilliseconds = 30_000;
}
