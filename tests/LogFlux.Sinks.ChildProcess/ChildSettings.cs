namespace LogFlux.Sinks.ChildProcess;

/// <summary>The settings every mode gives its adapter, each through that framework's own configuration form.</summary>
internal static class ChildSettings
{
    public const string ApiKey = "eu-lf_childprocess0123456789";
    public const string Source = "child";
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(20);
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The same two durations as configuration text (NLog and log4net are configured with strings).</summary>
    public const string FlushIntervalText = "20ms";
    public const string ShutdownTimeoutText = "20s";
}
