using System.Globalization;
using LogFlux.Sinks;

namespace NLog.Targets.LogFlux.Internal;

/// <summary>
/// Parses the rendered text of a target setting. Every method returns false with a message that says what
/// is accepted; the caller adds the setting name (never the value of a secret).
/// </summary>
internal static class OptionText
{
    public static bool TryParseInt(string text, out int value, out string error)
    {
        error = "expected a whole number";
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryParseLong(string text, out long value, out string error)
    {
        error = "expected a whole number (bytes)";
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryParseDouble(string text, out double value, out string error)
    {
        error = "expected a number such as 0.5 (invariant culture)";
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    public static bool TryParseBool(string text, out bool value, out string error)
    {
        error = "expected true/false (also 1/0, yes/no, on/off)";
        switch (text.ToLowerInvariant())
        {
            case "true" or "1" or "yes" or "on":
                value = true;
                return true;
            case "false" or "0" or "no" or "off":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>
    /// Accepts <c>hh:mm:ss[.fff]</c>, a number with a unit (<c>250ms</c>, <c>5s</c>, <c>2m</c>, <c>1h</c>) or a
    /// plain number of seconds (<c>5</c>, <c>0.5</c>).
    /// </summary>
    public static bool TryParseDuration(string text, out TimeSpan value, out string error)
    {
        error = "expected a duration such as 5s, 250ms, 2m, 1h, 00:00:05 or a number of seconds";
        var t = text.Trim();
        if (t.Contains(':')) return TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out value);

        var (number, scale) = t switch
        {
            _ when t.EndsWith("ms", StringComparison.OrdinalIgnoreCase) => (t[..^2], 1.0),
            _ when t.EndsWith('s') || t.EndsWith('S') => (t[..^1], 1000.0),
            _ when t.EndsWith('m') || t.EndsWith('M') => (t[..^1], 60_000.0),
            _ when t.EndsWith('h') || t.EndsWith('H') => (t[..^1], 3_600_000.0),
            _ => (t, 1000.0),
        };
        if (double.TryParse(number.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
            && double.IsFinite(amount)
            && Math.Abs(amount * scale) < TimeSpan.MaxValue.TotalMilliseconds)
        {
            value = TimeSpan.FromMilliseconds(amount * scale);
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>Accepts a level name (<c>Info</c>, <c>warning</c>, ...) or its number 1–8.</summary>
    public static bool TryParseLevel(string text, out LogFluxLevel value, out string error)
    {
        error = "expected a LogFlux level: Emergency, Alert, Critical, Error, Warning, Notice, Info, Debug or 1-8";
        var t = text.Trim();
        if (int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            value = (LogFluxLevel)number;
            return number is >= 1 and <= 8;
        }
        if (t.Equals("warn", StringComparison.OrdinalIgnoreCase))
        {
            value = LogFluxLevel.Warning;
            return true;
        }
        if (t.Equals("information", StringComparison.OrdinalIgnoreCase))
        {
            value = LogFluxLevel.Info;
            return true;
        }
        return Enum.TryParse(t, ignoreCase: true, out value) && Enum.IsDefined(value);
    }
}
