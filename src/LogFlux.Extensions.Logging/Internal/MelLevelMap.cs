using LogFlux.Sinks;
using Microsoft.Extensions.Logging;

namespace LogFlux.Extensions.Logging.Internal;

/// <summary>
/// Maps MEL levels to LogFlux levels: Trace and Debug → 8 debug, Information → 7 info, Warning → 5 warning,
/// Error → 4 error, Critical → 3 critical; None is never sent. Single levels can be overridden with
/// <see cref="LogFluxLoggerOptions.LevelMapping"/>.
/// </summary>
internal sealed class MelLevelMap
{
    private const string FrameworkName = "Microsoft.Extensions.Logging";

    private readonly LogFluxLevel[] _levels =
    [
        LogFluxLevel.Debug,    // Trace
        LogFluxLevel.Debug,    // Debug
        LogFluxLevel.Info,     // Information
        LogFluxLevel.Warning,  // Warning
        LogFluxLevel.Error,    // Error
        LogFluxLevel.Critical, // Critical
    ];

    /// <summary>The LogFlux level of <paramref name="level"/>, or null for None (and anything unknown).</summary>
    public LogFluxLevel? Map(LogLevel level)
    {
        var index = (int)level;
        return index >= 0 && index < _levels.Length ? _levels[index] : null;
    }

    /// <summary>Parses <c>MelLevel=LogFluxLevel</c> pairs; null with <paramref name="error"/> set when one is malformed.</summary>
    public static MelLevelMap? Parse(string? text, out string? error)
    {
        if (!LogFluxLevels.TryParseMapping(text, FrameworkName, out var pairs, out error)) return null;
        var map = new MelLevelMap();
        foreach (var (name, logFluxLevel) in pairs)
        {
            if (!Enum.TryParse<LogLevel>(name, ignoreCase: true, out var level) || !Enum.IsDefined(level) || int.TryParse(name, out _))
            {
                error = $"'{name}' is not a Microsoft.Extensions.Logging level (Trace, Debug, Information, Warning, Error, Critical)";
                return null;
            }
            if (level == LogLevel.None)
            {
                error = "the None level is never sent and cannot be mapped";
                return null;
            }
            map._levels[(int)level] = logFluxLevel;
        }
        return map;
    }
}
