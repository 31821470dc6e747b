using System.Globalization;
using LogFlux.Sinks;

namespace log4net.Appender.LogFlux.Configuration;

/// <summary>
/// Parses the string values of the appender's XML options with the invariant culture. Every failure becomes
/// one readable problem naming the option, the rejected value and the accepted forms.
/// </summary>
internal sealed class OptionValueParser
{
    private readonly List<string> _problems = new();

    public IReadOnlyList<string> Problems => _problems;

    public bool TryInt(string option, string? text, int min, out int value)
    {
        value = 0;
        if (IsUnset(text)) return false;
        if (int.TryParse(text!.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= min) return true;
        _problems.Add($"{option}: '{text}' is not valid; expected a whole number of at least {min.ToString(CultureInfo.InvariantCulture)}.");
        return false;
    }

    public bool TryLong(string option, string? text, long min, out long value)
    {
        value = 0;
        if (IsUnset(text)) return false;
        if (TryParseSize(text!.Trim(), out value) && value >= min) return true;
        _problems.Add($"{option}: '{text}' is not valid; expected a whole number of bytes of at least {min.ToString(CultureInfo.InvariantCulture)} (suffixes KB, MB and GB are accepted).");
        return false;
    }

    public bool TryDouble(string option, string? text, out double value)
    {
        value = 0;
        if (IsUnset(text)) return false;
        if (double.TryParse(text!.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value)) return true;
        _problems.Add($"{option}: '{text}' is not valid; expected a number with '.' as the decimal separator, e.g. 0.5.");
        return false;
    }

    public bool TryBool(string option, string? text, out bool value)
    {
        value = false;
        if (IsUnset(text)) return false;
        switch (text!.Trim().ToLowerInvariant())
        {
            case "true" or "1" or "yes" or "on":
                value = true;
                return true;
            case "false" or "0" or "no" or "off":
                return true;
        }
        _problems.Add($"{option}: '{text}' is not valid; expected true or false.");
        return false;
    }

    public bool TryDuration(string option, string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (IsUnset(text)) return false;
        if (TryParseDuration(text!.Trim(), out value) && value >= TimeSpan.Zero) return true;
        _problems.Add($"{option}: '{text}' is not a valid duration; use a number with a unit (500ms, 5s, 2m, 1h), a plain number of seconds, or hh:mm:ss.");
        return false;
    }

    public bool TryLevel(string option, string? text, out LogFluxLevel value)
    {
        value = default;
        if (IsUnset(text)) return false;
        if (LogFluxLevelNames.TryParse(text!, out value)) return true;
        _problems.Add($"{option}: '{text}' is not a LogFlux level; use one of {LogFluxLevelNames.Accepted} or a number from 1 to 8.");
        return false;
    }

    public void Add(string problem) => _problems.Add(problem);

    /// <summary>Empty and whitespace-only values (e.g. an unset <c>${VARIABLE}</c>) count as not configured.</summary>
    public static bool IsUnset(string? text) => string.IsNullOrWhiteSpace(text);

    internal static bool TryParseDuration(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (text.Contains(':'))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value);
        }
        var (number, unitMs) = SplitUnit(text);
        if (unitMs <= 0 || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)) return false;
        var ms = amount * unitMs;
        if (!double.IsFinite(ms) || Math.Abs(ms) > TimeSpan.MaxValue.TotalMilliseconds) return false;
        value = TimeSpan.FromMilliseconds(ms);
        return true;
    }

    private static (string Number, double UnitMs) SplitUnit(string text)
    {
        var lower = text.ToLowerInvariant();
        if (lower.EndsWith("ms", StringComparison.Ordinal)) return (lower[..^2].Trim(), 1);
        if (lower.EndsWith('s')) return (lower[..^1].Trim(), 1000);
        if (lower.EndsWith('m')) return (lower[..^1].Trim(), 60_000);
        if (lower.EndsWith('h')) return (lower[..^1].Trim(), 3_600_000);
        if (lower.Length > 0 && !char.IsLetter(lower[^1])) return (lower, 1000);
        return (lower, 0);
    }

    private static bool TryParseSize(string text, out long value)
    {
        value = 0;
        var upper = text.ToUpperInvariant();
        long multiplier = 1;
        foreach (var (suffix, factor) in new[] { ("KB", 1024L), ("MB", 1024L * 1024), ("GB", 1024L * 1024 * 1024) })
        {
            if (upper.EndsWith(suffix, StringComparison.Ordinal))
            {
                multiplier = factor;
                upper = upper[..^2].Trim();
                break;
            }
        }
        if (!long.TryParse(upper, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)) return false;
        try
        {
            value = checked(number * multiplier);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}
