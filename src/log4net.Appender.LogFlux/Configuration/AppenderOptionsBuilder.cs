using LogFlux.Sinks;
using LogFlux.Sinks.Adapters;

namespace log4net.Appender.LogFlux.Configuration;

/// <summary>
/// Turns the appender's configured strings into <see cref="LogFluxOptions"/> with <see cref="LogFluxOptionText"/>.
/// Only configured values are set (empty and whitespace-only values, e.g. an unset <c>${VARIABLE}</c>, count as
/// not configured), so the options' explicit-set tracking stays right and the <c>LOGFLUX_*</c> environment fills
/// the rest. Every value of the wrong form becomes one problem naming the option.
/// </summary>
internal static class AppenderOptionsBuilder
{
    public static LogFluxOptions Build(LogFluxAppender a, List<string> problems)
    {
        var options = new LogFluxOptions();
        (string Name, string? Text)[] settings =
        [
            (nameof(a.ApiKey), a.ApiKey),
            (nameof(a.Source), a.Source),
            (nameof(a.Environment), a.Environment),
            (nameof(a.Release), a.Release),
            (nameof(a.Node), a.Node),
            (nameof(a.LogGroup), a.LogGroup),
            (nameof(a.CustomEndpointUrl), a.CustomEndpointUrl),
            (nameof(a.Zone), a.Zone),
            (nameof(a.QueueSize), a.QueueSize),
            (nameof(a.QueueMaxBytes), a.QueueMaxBytes),
            (nameof(a.BatchSize), a.BatchSize),
            (nameof(a.FlushInterval), a.FlushInterval),
            (nameof(a.WorkerCount), a.WorkerCount),
            (nameof(a.MaxRetries), a.MaxRetries),
            (nameof(a.InitialDelay), a.InitialDelay),
            (nameof(a.MaxDelay), a.MaxDelay),
            (nameof(a.BackoffFactor), a.BackoffFactor),
            (nameof(a.HttpTimeout), a.HttpTimeout),
            (nameof(a.Failsafe), a.Failsafe),
            (nameof(a.EnableCompression), a.EnableCompression),
            (nameof(a.SampleRate), a.SampleRate),
            (nameof(a.MaxBreadcrumbs), a.MaxBreadcrumbs),
            (nameof(a.MinimumBreadcrumbLevel), a.MinimumBreadcrumbLevel),
            (nameof(a.Debug), a.Debug),
            (nameof(a.KeyPersistence), a.KeyPersistence),
            (nameof(a.KeyPersistencePath), a.KeyPersistencePath),
            (nameof(a.KeyRotationDays), a.KeyRotationDays),
            (nameof(a.ServerKeyFingerprint), a.ServerKeyFingerprint),
            (nameof(a.ShutdownTimeout), a.ShutdownTimeout),
            (nameof(a.AllowInsecureTransport), a.AllowInsecureTransport),
            (nameof(a.ProxyAddress), a.ProxyAddress),
            (nameof(a.DiagnosticsInterval), a.DiagnosticsInterval),
            (nameof(a.BufferPath), a.BufferPath),
            (nameof(a.BufferMaxBytes), a.BufferMaxBytes),
        ];
        foreach (var (name, text) in settings)
        {
            if (!LogFluxOptionText.TrySet(options, name, text, out var problem)) problems.Add(problem!);
        }
        return options;
    }

    /// <summary>Reads a boolean setting of the appender itself (false when unset).</summary>
    public static bool ReadFlag(string name, string? text, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (LogFluxOptionText.TryParseBool(text, out var value)) return value;
        problems.Add($"{name}: '{text.Trim()}' is not valid; expected {LogFluxOptionText.BooleanForms}.");
        return false;
    }
}
