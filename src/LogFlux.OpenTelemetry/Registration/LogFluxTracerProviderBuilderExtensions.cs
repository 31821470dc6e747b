using System.Diagnostics;
using LogFlux.OpenTelemetry;
using OpenTelemetry;

// In OpenTelemetry's namespace, like its own exporters' helpers: AddLogFluxExporter() needs no extra using.
namespace OpenTelemetry.Trace;

/// <summary><c>AddLogFluxExporter()</c> for tracing.</summary>
public static class LogFluxTracerProviderBuilderExtensions
{
    /// <summary>Exports the provider's spans to LogFlux with the API key of <c>LOGFLUX_API_KEY</c> (or the <c>LogFluxSdk.Init</c> client).</summary>
    /// <param name="builder">The tracer provider builder.</param>
    /// <returns>The builder.</returns>
    public static TracerProviderBuilder AddLogFluxExporter(this TracerProviderBuilder builder) => AddLogFluxExporter(builder, configure: null);

    /// <summary>Exports the provider's spans to LogFlux.</summary>
    /// <param name="builder">The tracer provider builder.</param>
    /// <param name="configure">Sets the options (client, API key, endpoint, processor type).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="LogFluxConfigurationException">When the provider is built: the API key or another client option is invalid.</exception>
    public static TracerProviderBuilder AddLogFluxExporter(this TracerProviderBuilder builder, Action<LogFluxExporterOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddProcessor(_ =>
        {
            var options = ExporterOptionsFactory.Create(configure);
            BaseExporter<Activity> exporter = new LogFluxTraceExporter(options);
            return options.ExportProcessorType == ExportProcessorType.Simple
                ? new SimpleActivityExportProcessor(exporter)
                : new BatchActivityExportProcessor(exporter);
        });
    }
}
