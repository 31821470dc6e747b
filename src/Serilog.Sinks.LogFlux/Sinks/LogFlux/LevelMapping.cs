using LogFlux.Sinks;
using Serilog.Events;

namespace Serilog.Sinks.LogFlux;

/// <summary>
/// Serilog level → LogFlux level (docs/protocol.md#framework-level-mapping by default), with optional overrides parsed from text such
/// as <c>"Information=Notice, Fatal=1"</c> so that the mapping can be set from appsettings.json.
/// </summary>
internal sealed class LevelMapping
{
    private readonly LogFluxLevel[] _map;

    private LevelMapping(LogFluxLevel[] map) => _map = map;

    /// <summary>The mapping of docs/protocol.md#framework-level-mapping.</summary>
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
        if (!LogFluxLevels.TryParseMapping(text, "Serilog", out var pairs, out error)) return false;
        if (pairs.Count == 0) return true;

        var map = (LogFluxLevel[])Default._map.Clone();
        foreach (var (from, to) in pairs)
        {
            if (int.TryParse(from, out _) || !Enum.TryParse<LogEventLevel>(from, ignoreCase: true, out var level) || !Enum.IsDefined(level))
            {
                error = $"'{from}' is not a Serilog level (Verbose, Debug, Information, Warning, Error, Fatal)";
                return false;
            }
            map[(int)level] = to;
        }
        mapping = new LevelMapping(map);
        return true;
    }
}
