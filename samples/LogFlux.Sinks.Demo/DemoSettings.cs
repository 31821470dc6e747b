namespace LogFlux.Sinks.Demo;

/// <summary>The names and options every part of the tour shares.</summary>
internal static class DemoSettings
{
    /// <summary>The attribute that tags each entry with the framework (or the core) that sent it.</summary>
    public const string FrameworkAttribute = "framework";

    public const string Core = "core";
    public const string Serilog = "serilog";
    public const string NLog = "nlog";
    public const string Log4Net = "log4net";

    /// <summary>The frameworks in the order the tour runs them.</summary>
    public static readonly IReadOnlyList<string> Frameworks = [Core, Serilog, NLog, Log4Net];

    /// <summary>The service name of the tour's main application (also set in the three config files).</summary>
    public const string Source = "logflux-demo";

    /// <summary>The service name of the second service that continues the trace.</summary>
    public const string InventorySource = "inventory-demo";

    public const string Environment = "demo";
    public const string Release = "1.0.0";

    /// <summary>How long a flush may take before the tour reports what is still missing.</summary>
    public static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Client options for <paramref name="source"/>. The API key and endpoint are left out: the client reads
    /// them from LOGFLUX_API_KEY and LOGFLUX_CUSTOM_ENDPOINT_URL, exactly like the three config files do.
    /// </summary>
    public static LogFluxOptions ClientOptions(string source) => new()
    {
        Source = source,
        Environment = Environment,
        Release = Release,
        FlushInterval = TimeSpan.FromMilliseconds(200),
    };

    /// <summary>A small attribute map, for readable calls.</summary>
    public static Dictionary<string, string> Attrs(params (string Key, string Value)[] pairs)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs) map[key] = value;
        return map;
    }
}
