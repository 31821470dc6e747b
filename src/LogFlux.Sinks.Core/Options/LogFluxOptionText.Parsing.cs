using System.Globalization;

namespace LogFlux.Sinks.Options;

internal static partial class LogFluxOptionText
{
    /// <summary>The accepted forms of a whole number.</summary>
    public const string WholeNumberForms = "a whole number such as 100";

    /// <summary>The accepted forms of a byte size.</summary>
    public const string SizeForms = "a whole number of bytes, optionally with the suffix KB, MB or GB (e.g. 32MB)";

    /// <summary>The accepted forms of a decimal number.</summary>
    public const string NumberForms = "a number with '.' as the decimal separator, e.g. 0.5";

    /// <summary>The accepted forms of a boolean.</summary>
    public const string BooleanForms = "true or false (also 1/0, yes/no, on/off)";

    /// <summary>The accepted forms of a duration whose plain number means <paramref name="plainNumberUnit"/>.</summary>
    /// <param name="plainNumberUnit">One second or one millisecond.</param>
    /// <returns>The forms, e.g. "a duration such as 250ms, 5s, 2m, 1h or 00:00:05, or a plain number of seconds".</returns>
    public static string DurationForms(TimeSpan plainNumberUnit)
        => $"a duration such as 250ms, 5s, 2m, 1h or 00:00:05, or a plain number of {UnitName(plainNumberUnit)}";

    /// <summary>The name of a plain-number unit: "milliseconds" or "seconds".</summary>
    /// <param name="unit">The unit.</param>
    /// <returns>The plural name.</returns>
    public static string UnitName(TimeSpan unit) => unit == TimeSpan.FromMilliseconds(1) ? "milliseconds" : "seconds";

    private static readonly (string Suffix, long Factor)[] SizeSuffixes = [("KB", 1024L), ("MB", 1024L * 1024), ("GB", 1024L * 1024 * 1024)];

    /// <summary>Parses a whole number (invariant culture, no group separators).</summary>
    /// <param name="text">The text; surrounding white space is ignored.</param>
    /// <param name="value">The number.</param>
    /// <returns>True when the text is a whole number.</returns>
    public static bool TryParseInt(string text, out int value)
        => int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    /// <summary>Parses a byte size: a whole number, optionally followed by <c>KB</c>, <c>MB</c> or <c>GB</c> (any case, powers of 1024).</summary>
    /// <param name="text">The text; surrounding white space is ignored.</param>
    /// <param name="value">The number of bytes.</param>
    /// <returns>True when the text is a size that fits a 64-bit number.</returns>
    public static bool TryParseSize(string text, out long value)
    {
        value = 0;
        var number = text.Trim();
        long factor = 1;
        foreach (var (suffix, suffixFactor) in SizeSuffixes)
        {
            if (number.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                factor = suffixFactor;
                number = number[..^suffix.Length].TrimEnd();
                break;
            }
        }
        if (!long.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var amount)) return false;
        if (amount != 0 && Math.Abs(amount) > long.MaxValue / factor) return false;
        value = amount * factor;
        return true;
    }

    /// <summary>Parses a finite decimal number with the invariant culture (<c>0.5</c>, not <c>0,5</c>).</summary>
    /// <param name="text">The text; surrounding white space is ignored.</param>
    /// <param name="value">The number.</param>
    /// <returns>True when the text is a finite number.</returns>
    public static bool TryParseDouble(string text, out double value)
        => double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Parses a boolean: <c>true/false</c>, <c>1/0</c>, <c>yes/no</c> or <c>on/off</c> in any case.</summary>
    /// <param name="text">The text; surrounding white space is ignored.</param>
    /// <param name="value">The value.</param>
    /// <returns>True when the text is one of the accepted spellings.</returns>
    public static bool TryParseBool(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
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
    /// Parses a non-negative duration: <c>hh:mm:ss[.fff]</c>, a number with a unit (<c>250ms</c>, <c>5s</c>,
    /// <c>2m</c>, <c>1h</c>; any case, space allowed before the unit) or a plain number, which counts
    /// <paramref name="plainNumberUnit"/>s (<c>1.5</c> is 1.5 s when the unit is one second).
    /// </summary>
    /// <param name="text">The text; surrounding white space is ignored.</param>
    /// <param name="plainNumberUnit">What a plain number counts.</param>
    /// <param name="value">The duration.</param>
    /// <returns>True when the text is a duration that is not negative.</returns>
    public static bool TryParseDuration(string text, TimeSpan plainNumberUnit, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var t = text.Trim();
        if (t.Contains(':'))
        {
            return TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out value) && value >= TimeSpan.Zero;
        }

        var (number, unitMs) = SplitUnit(t, plainNumberUnit.TotalMilliseconds);
        if (unitMs <= 0 || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)) return false;
        var ms = amount * unitMs;
        if (!double.IsFinite(ms) || ms < 0 || ms >= TimeSpan.MaxValue.TotalMilliseconds) return false;
        value = TimeSpan.FromMilliseconds(ms);
        return true;
    }

    private static (string Number, double UnitMs) SplitUnit(string text, double plainUnitMs)
    {
        if (text.EndsWith("ms", StringComparison.OrdinalIgnoreCase)) return (text[..^2].TrimEnd(), 1);
        if (text.EndsWith('s') || text.EndsWith('S')) return (text[..^1].TrimEnd(), 1000);
        if (text.EndsWith('m') || text.EndsWith('M')) return (text[..^1].TrimEnd(), 60_000);
        if (text.EndsWith('h') || text.EndsWith('H')) return (text[..^1].TrimEnd(), 3_600_000);
        // A number that ends in another letter (e.g. "5 weeks", or "NaN" / "Infinity") has no known unit.
        return text.Length > 0 && !char.IsLetter(text[^1]) ? (text, plainUnitMs) : (text, 0);
    }
}
