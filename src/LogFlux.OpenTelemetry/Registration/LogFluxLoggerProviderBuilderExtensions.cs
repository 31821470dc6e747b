using LogFlux.OpenTelemetry;
using OpenTelemetry;

// In OpenTelemetry's namespace, like its own exporters' helpers: AddLogFluxExporter() needs no extra using.
namespace OpenTelemetry.Logs;

/// <summary><c>AddLogFluxExporter()</c> for logs: on the logger provider builder and on <see cref="OpenTelemetryLoggerOptions"/>.</summary>
public static class LogFluxLoggerProviderBuilderExtensions
{
    /// <summary>Exports the provider's log records to LogFlux with the API key of <c>LOGFLUX_API_KEY</c> (or the <c>LogFluxSdk.Init</c> client).</summary>
    /// <param name="builder">The logger provider builder.</param>
    /// <returns>The builder.</returns>
    public static LoggerProviderBuilder AddLogFluxExporter(this LoggerProviderBuilder builder) => AddLogFluxExporter(builder, configure: null);

    /// <summary>Exports the provider's log records to LogFlux.</summary>
    /// <param name="builder">The logger provider builder.</param>
    /// <param name="configure">Sets the options (client, API key, endpoint, processor type).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="LogFluxConfigurationException">When the provider is built: the API key or another client option is invalid.</exception>
    public static LoggerProviderBuilder AddLogFluxExporter(this LoggerProviderBuilder builder, Action<LogFluxExporterOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddProcessor(_ => CreateProcessor(configure));
    }

    /// <summary>Exports the log records of <c>ILoggingBuilder.AddOpenTelemetry(o => o.AddLogFluxExporter())</c> to LogFlux.</summary>
    /// <param name="options">The OpenTelemetry logger options.</param>
    /// <returns>The options.</returns>
    public static OpenTelemetryLoggerOptions AddLogFluxExporter(this OpenTelemetryLoggerOptions options) => AddLogFluxExporter(options, configure: null);

    /// <summary>Exports the log records of <c>ILoggingBuilder.AddOpenTelemetry(...)</c> to LogFlux.</summary>
    /// <param name="options">The OpenTelemetry logger options.</param>
    /// <param name="configure">Sets the options (client, API key, endpoint, processor type).</param>
    /// <returns>The options.</returns>
    /// <exception cref="LogFluxConfigurationException">When the provider is built: the API key or another client option is invalid.</exception>
    public static OpenTelemetryLoggerOptions AddLogFluxExporter(this OpenTelemetryLoggerOptions options, Action<LogFluxExporterOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.AddProcessor(_ => CreateProcessor(configure));
    }

    private static BaseProcessor<LogRecord> CreateProcessor(Action<LogFluxExporterOptions>? configure)
    {
        var options = ExporterOptionsFactory.Create(configure);
        BaseExporter<LogRecord> exporter = new LogFluxLogExporter(options);
        return options.ExportProcessorType == ExportProcessorType.Simple
            ? new SimpleLogRecordExportProcessor(exporter)
            : new BatchLogRecordExportProcessor(exporter);
    }
}
