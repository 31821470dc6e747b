using LogFlux.Sinks;
using Serilog.Events;

namespace Serilog.Sinks.LogFlux;

/// <summary>
/// Serilog level → LogFlux level (PROTOCOL 7.2 by default), with optional overrides parsed from text such
/// as <c>"Information=Notice, Fatal=1"</c> so that the mapping can be set from appsettings.json.
/// </summary>
internal sealed class LevelMapping
{
    private readonly LogFluxLevel[] _map;

    private LevelMapping(LogFluxLevel[] map) => _map = map;

    /// <summary>The mapping of PROTOCOL 7.2.</summary>
    public static LevelMapping Default { get; } = new(
    [
        LogFluxLevel.Debug,    // Verbose
        LogFluxLevel.Debug,    // Debug
        LogFluxLevel.Info,     // Information
        LogFluxLevel.Warning,  // Warning
        LogFluxLevel.Error,    // Error
        LogFluxLevel.Critical, // Fatal
    ]);

    /// <summary>Maps a Serilog level; levels outside the enum map like the nearest defined one.</summary>
    public LogFluxLevel Map(LogEventLevel level)
    {
        var index = (int)level;
        if (index < 0) index = 0;
        if (index >= _map.Length) index = _map.Length - 1;
        return _map[index];
    }

    /// <summary>
    /// Applies the overrides in <paramref name="text"/> (comma- or semicolon-separated
    /// <c>SerilogLevel=LogFluxLevel</c> pairs; LogFlux levels by name or number 1–8) to the default mapping.
    /// </summary>
    /// <param name="text">The override text; null or blank keeps the default.</param>
    /// <param name="mapping">The resulting mapping (the default when the text is invalid).</param>
    /// <param name="error">What is wrong with the text, or null.</param>
    /// <returns>True when the text was valid.</returns>
    public static bool TryParse(string? text, out LevelMapping mapping, out string? error)
    {
        mapping = Default;
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return true;

        var map = (LogFluxLevel[])Default._map.Clone();
        foreach (var item in text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = item.Split('=', StringSplitOptions.TrimEntries);
            if (parts.Length != 2
                || !Enum.TryParse<LogEventLevel>(parts[0], ignoreCase: true, out var from)
                || !Enum.IsDefined(from)
                || int.TryParse(parts[0], out _))
            {
                error = $"'{item}' does not start with a Serilog level (Verbose, Debug, Information, Warning, Error, Fatal)";
                return false;
            }
            if (!TryParseLogFluxLevel(parts[1], out var to))
            {
                error = $"'{item}' does not name a LogFlux level (Emergency, Alert, Critical, Error, Warning, Notice, Info, Debug or 1-8)";
                return false;
            }
            map[(int)from] = to;
        }
        mapping = new LevelMapping(map);
        return true;
    }

    private static bool TryParseLogFluxLevel(string text, out LogFluxLevel level)
    {
        if (int.TryParse(text, out var number))
        {
            level = (LogFluxLevel)number;
            return number is >= 1 and <= 8;
        }
        return Enum.TryParse(text, ignoreCase: true, out level) && Enum.IsDefined(level);
    }
}
