using System.Globalization;
using LogFlux.Sinks;

namespace log4net.Appender.LogFlux.Configuration;

/// <summary>Reads a LogFlux level from configuration text: a name (any case, common aliases) or 1–8.</summary>
internal static class LogFluxLevelNames
{
    public const string Accepted = "Emergency, Alert, Critical, Error, Warning, Notice, Info, Debug";

    public static bool TryParse(string text, out LogFluxLevel level)
    {
        var trimmed = text.Trim();
        if (int.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            level = (LogFluxLevel)number;
            return number is >= 1 and <= 8;
        }
        level = trimmed.ToLowerInvariant() switch
        {
            "emergency" or "emerg" => LogFluxLevel.Emergency,
            "alert" => LogFluxLevel.Alert,
            "critical" or "crit" => LogFluxLevel.Critical,
            "error" or "err" => LogFluxLevel.Error,
            "warning" or "warn" => LogFluxLevel.Warning,
            "notice" => LogFluxLevel.Notice,
            "info" or "information" => LogFluxLevel.Info,
            "debug" or "trace" or "verbose" => LogFluxLevel.Debug,
            _ => 0,
        };
        return level != 0;
    }
}
