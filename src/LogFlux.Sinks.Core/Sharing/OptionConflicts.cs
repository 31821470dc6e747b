using System.Globalization;

namespace LogFlux.Sinks.Sharing;

/// <summary>
/// Finds the options that a second user of a shared client set explicitly to a value other than the one
/// the shared client runs with. Callbacks (hooks, listeners, handler factories) are not compared.
/// </summary>
internal static class OptionConflicts
{
    private static readonly (string Name, Func<LogFluxOptions, object?> Value)[] Compared =
    [
        (nameof(LogFluxOptions.Source), o => o.Source),
        (nameof(LogFluxOptions.Environment), o => o.Environment),
        (nameof(LogFluxOptions.Release), o => o.Release),
        (nameof(LogFluxOptions.Node), o => o.Node),
        (nameof(LogFluxOptions.LogGroup), o => o.LogGroup),
        (nameof(LogFluxOptions.QueueSize), o => o.QueueSize),
        (nameof(LogFluxOptions.QueueMaxBytes), o => o.QueueMaxBytes),
        (nameof(LogFluxOptions.BatchSize), o => o.BatchSize),
        (nameof(LogFluxOptions.FlushInterval), o => o.FlushInterval),
        (nameof(LogFluxOptions.WorkerCount), o => o.WorkerCount),
        (nameof(LogFluxOptions.MaxRetries), o => o.MaxRetries),
        (nameof(LogFluxOptions.InitialDelay), o => o.InitialDelay),
        (nameof(LogFluxOptions.MaxDelay), o => o.MaxDelay),
        (nameof(LogFluxOptions.BackoffFactor), o => o.BackoffFactor),
        (nameof(LogFluxOptions.HttpTimeout), o => o.HttpTimeout),
        (nameof(LogFluxOptions.Failsafe), o => o.Failsafe),
        (nameof(LogFluxOptions.EnableCompression), o => o.EnableCompression),
        (nameof(LogFluxOptions.SampleRate), o => o.SampleRate),
        (nameof(LogFluxOptions.MaxBreadcrumbs), o => o.MaxBreadcrumbs),
        (nameof(LogFluxOptions.MinimumBreadcrumbLevel), o => o.MinimumBreadcrumbLevel),
        (nameof(LogFluxOptions.Debug), o => o.Debug),
        (nameof(LogFluxOptions.KeyPersistence), o => o.KeyPersistence),
        (nameof(LogFluxOptions.KeyPersistencePath), o => o.KeyPersistencePath),
        (nameof(LogFluxOptions.KeyRotationDays), o => o.KeyRotationDays),
        (nameof(LogFluxOptions.ServerKeyFingerprint), o => o.ServerKeyFingerprint),
        (nameof(LogFluxOptions.ShutdownTimeout), o => o.ShutdownTimeout),
        (nameof(LogFluxOptions.AllowInsecureTransport), o => o.AllowInsecureTransport),
        (nameof(LogFluxOptions.ProxyAddress), o => o.ProxyAddress),
        (nameof(LogFluxOptions.DiagnosticsInterval), o => o.DiagnosticsInterval),
        (nameof(LogFluxOptions.BufferPath), o => o.BufferPath),
        (nameof(LogFluxOptions.BufferMaxBytes), o => o.BufferMaxBytes),
    ];

    /// <summary>Describes each conflicting option as <c>Name: requested X, in use Y</c>.</summary>
    public static List<(string Name, string Description)> Find(LogFluxOptions requested, LogFluxOptions inUse)
    {
        var conflicts = new List<(string, string)>();
        foreach (var (name, value) in Compared)
        {
            if (!requested.IsExplicitlySet(name)) continue;
            var wanted = value(requested);
            var actual = value(inUse);
            if (Equals(wanted, actual)) continue;
            conflicts.Add((name, $"{name}: requested {Text(wanted)}, in use {Text(actual)}"));
        }
        return conflicts;
    }

    private static string Text(object? value) => value switch
    {
        null => "(unset)",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
