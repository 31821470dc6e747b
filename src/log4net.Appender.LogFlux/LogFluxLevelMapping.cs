using log4net.Core;

namespace log4net.Appender.LogFlux;

/// <summary>
/// One explicit mapping of a log4net level (built-in or custom) to a LogFlux level, configured with
/// <c>&lt;levelMapping&gt;&lt;level value="NOTICE" /&gt;&lt;logFluxLevel value="Info" /&gt;&lt;/levelMapping&gt;</c>.
/// </summary>
public sealed class LogFluxLevelMapping
{
    /// <summary>The log4net level whose events this mapping applies to (matched by value).</summary>
    public Level? Level { get; set; }

    /// <summary>The LogFlux level name (<c>Emergency</c> … <c>Debug</c>) or number (1–8).</summary>
    public string? LogFluxLevel { get; set; }
}
