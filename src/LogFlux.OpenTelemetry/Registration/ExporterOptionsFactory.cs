namespace LogFlux.OpenTelemetry;

/// <summary>New options, set by the caller's delegate, validated.</summary>
internal static class ExporterOptionsFactory
{
    public static LogFluxExporterOptions Create(Action<LogFluxExporterOptions>? configure)
    {
        var options = new LogFluxExporterOptions();
        configure?.Invoke(options);
        options.Validate();
        return options;
    }
}
