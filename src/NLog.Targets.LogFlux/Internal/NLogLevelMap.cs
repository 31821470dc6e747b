using LogFlux.Sinks;

namespace NLog.Targets.LogFlux.Internal;

/// <summary>
/// Maps NLog levels to LogFlux levels: Trace and Debug → 8 debug, Info → 7 info, Warn → 5 warning,
/// Error → 4 error, Fatal → 3 critical; Off is never sent. Single levels can be overridden with the
/// <c>levelMapping</c> setting, e.g. <c>Fatal=Emergency;Info=Notice</c>.
/// </summary>
internal sealed class NLogLevelMap
{
    private readonly LogFluxLevel[] _levels =
    {
        LogFluxLevel.Debug,    // Trace
        LogFluxLevel.Debug,    // Debug
        LogFluxLevel.Info,     // Info
        LogFluxLevel.Warning,  // Warn
        LogFluxLevel.Error,    // Error
        LogFluxLevel.Critical, // Fatal
    };

    /// <summary>The LogFlux level of <paramref name="level"/>, or null for Off (and anything unknown).</summary>
    public LogFluxLevel? Map(LogLevel level)
    {
        var ordinal = level.Ordinal;
        return ordinal >= 0 && ordinal < _levels.Length ? _levels[ordinal] : null;
    }

    /// <summary>
    /// Parses <c>NLogLevel=LogFluxLevel</c> pairs separated by <c>;</c> or <c>,</c>. Returns null with
    /// <paramref name="error"/> set when a pair is malformed.
    /// </summary>
    public static NLogLevelMap? Parse(string? text, out string? error)
    {
        if (!LogFluxLevels.TryParseMapping(text, "NLog", out var pairs, out error)) return null;
        var map = new NLogLevelMap();
        foreach (var (name, logFluxLevel) in pairs)
        {
            LogLevel nlogLevel;
            try
            {
                nlogLevel = LogLevel.FromString(name);
            }
            catch (ArgumentException)
            {
                error = $"'{name}' is not an NLog level (Trace, Debug, Info, Warn, Error, Fatal)";
                return null;
            }
            if (nlogLevel == LogLevel.Off)
            {
                error = "the Off level is never sent and cannot be mapped";
                return null;
            }
            map._levels[nlogLevel.Ordinal] = logFluxLevel;
        }
        return map;
    }
}
