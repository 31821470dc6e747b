using log4net.Core;
using LogFlux.Sinks;

namespace log4net.Appender.LogFlux.Mapping;

/// <summary>
/// Maps a log4net level to a LogFlux level by its numeric value (docs/protocol.md#framework-level-mapping), so built-in, custom and
/// unknown levels all keep log4net's ordering. Explicit mappings for exact level values take precedence.
/// </summary>
internal sealed class Log4NetLevelMapper
{
    private readonly Dictionary<int, LogFluxLevel> _overrides;

    public Log4NetLevelMapper(IEnumerable<KeyValuePair<int, LogFluxLevel>>? overrides = null)
    {
        _overrides = new Dictionary<int, LogFluxLevel>();
        if (overrides is null) return;
        foreach (var pair in overrides) _overrides[pair.Key] = pair.Value;
    }

    /// <summary>Returns false for OFF (never sent); otherwise maps the level.</summary>
    public bool TryMap(Level? level, out LogFluxLevel mapped)
    {
        if (level is null)
        {
            // log4net treats a missing level like ALL.
            mapped = LogFluxLevel.Debug;
            return true;
        }
        if (level.Value >= Level.Off.Value)
        {
            mapped = default;
            return false;
        }
        mapped = _overrides.TryGetValue(level.Value, out var custom) ? custom : ByThreshold(level.Value);
        return true;
    }

    /// <summary>The threshold rule of docs/protocol.md#framework-level-mapping.</summary>
    public static LogFluxLevel ByThreshold(int value) => value switch
    {
        >= 120_000 => LogFluxLevel.Emergency,
        >= 100_000 => LogFluxLevel.Alert,
        >= 80_000 => LogFluxLevel.Critical,
        >= 70_000 => LogFluxLevel.Error,
        >= 60_000 => LogFluxLevel.Warning,
        >= 50_000 => LogFluxLevel.Notice,
        >= 40_000 => LogFluxLevel.Info,
        _ => LogFluxLevel.Debug,
    };
}
