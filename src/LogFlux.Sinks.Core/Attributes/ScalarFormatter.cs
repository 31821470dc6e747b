using System.Globalization;

namespace LogFlux.Sinks;

/// <summary>The scalar cases of <see cref="AttributeValueFormatter"/>: values that have one natural text form.</summary>
internal static class ScalarFormatter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Formats null, strings, booleans, numbers, dates, enums, GUIDs, time spans and byte arrays.</summary>
    public static bool TryFormat(object? value, out string? text)
    {
        text = value switch
        {
            null => null,
            string s => s,
            bool b => b ? "true" : "false",
            char c => c.ToString(),
            byte[] bytes => Convert.ToBase64String(bytes),
            double d => d.ToString("R", Invariant),
            float f => f.ToString("R", Invariant),
            decimal m => m.ToString(Invariant),
            DateTime dt => AttributeValueFormatter.FormatUtc(dt),
            DateTimeOffset dto => dto.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", Invariant),
            DateOnly date => date.ToString("yyyy-MM-dd", Invariant),
            TimeOnly time => time.ToString("HH:mm:ss.fff", Invariant),
            TimeSpan span => span.ToString("c", Invariant),
            Guid guid => guid.ToString("D"),
            Enum e => e.ToString(),
            Uri uri => uri.OriginalString,
            sbyte or byte or short or ushort or int or uint or long or ulong or nint or nuint or Int128 or UInt128
                => ((IFormattable)value).ToString(null, Invariant),
            System.Numerics.BigInteger big => big.ToString(Invariant),
            _ => Missing,
        };
        if (ReferenceEquals(text, Missing))
        {
            text = null;
            return false;
        }
        return true;
    }

    /// <summary>True when the value is a number that JSON can hold as a number literal.</summary>
    public static bool IsJsonNumber(object value) => value switch
    {
        double d => double.IsFinite(d),
        float f => float.IsFinite(f),
        decimal or sbyte or byte or short or ushort or int or uint or long or ulong or nint or nuint
            or Int128 or UInt128 or System.Numerics.BigInteger => true,
        _ => false,
    };

    private static readonly string Missing = new('\0', 1);
}
