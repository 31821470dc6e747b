namespace LogFlux.Sinks.Protocol;

/// <summary>The LogFlux level scale (PROTOCOL 7.1).</summary>
internal static class Levels
{
    /// <summary>True for levels 1 (emergency) to 8 (debug).</summary>
    public static bool IsValid(LogFluxLevel level) => level is >= LogFluxLevel.Emergency and <= LogFluxLevel.Debug;

    /// <summary>The breadcrumb level of a log level: <c>error</c> for 1–4, <c>warning</c> for 5, <c>info</c> otherwise.</summary>
    public static string BreadcrumbLevel(LogFluxLevel level) => level switch
    {
        <= LogFluxLevel.Error => "error",
        LogFluxLevel.Warning => "warning",
        _ => "info",
    };

    /// <summary>The lower-case name of a level (<c>emergency</c> … <c>debug</c>).</summary>
    public static string Name(LogFluxLevel level) => level switch
    {
        LogFluxLevel.Emergency => "emergency",
        LogFluxLevel.Alert => "alert",
        LogFluxLevel.Critical => "critical",
        LogFluxLevel.Error => "error",
        LogFluxLevel.Warning => "warning",
        LogFluxLevel.Notice => "notice",
        LogFluxLevel.Info => "info",
        LogFluxLevel.Debug => "debug",
        _ => "unknown",
    };
}
