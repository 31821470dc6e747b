namespace LogFlux.Sinks.Protocol;

/// <summary>
/// RFC 3339 timestamps as the protocol writes them: always UTC, exactly three fractional digits and
/// <c>Z</c>, e.g. <c>2026-01-15T10:30:00.123Z</c> (24 characters). Sub-millisecond precision is truncated.
/// </summary>
internal static class Rfc3339
{
    /// <summary>Length of every formatted timestamp.</summary>
    public const int Length = 24;

    /// <summary>Formats <paramref name="value"/> as a string.</summary>
    public static string Format(DateTimeOffset value)
    {
        Span<byte> utf8 = stackalloc byte[Length];
        Format(value, utf8);
        return System.Text.Encoding.ASCII.GetString(utf8);
    }

    /// <summary>Writes the UTF-8 text into <paramref name="utf8Destination"/> (at least 24 bytes).</summary>
    /// <returns>The number of bytes written: always 24.</returns>
    public static int Format(DateTimeOffset value, Span<byte> utf8Destination)
    {
        if (utf8Destination.Length < Length) throw new ArgumentException("The destination needs 24 bytes.", nameof(utf8Destination));
        DateTime utc = value.UtcDateTime;
        var d = utf8Destination;
        WriteDigits(d[..4], utc.Year);
        ReadOnlySpan<int> fields = [utc.Month, utc.Day, utc.Hour, utc.Minute, utc.Second];
        for (int i = 0; i < fields.Length; i++)
        {
            d[4 + 3 * i] = Separators[i];
            WriteDigits(d.Slice(5 + 3 * i, 2), fields[i]);
        }
        d[19] = (byte)'.';
        WriteDigits(d.Slice(20, 3), utc.Millisecond);
        d[23] = (byte)'Z';
        return Length;
    }

    /// <summary>The separator before month, day, hour, minute and second.</summary>
    private static ReadOnlySpan<byte> Separators => "--T::"u8;

    /// <summary>Writes <paramref name="value"/> as decimal digits filling <paramref name="digits"/>, zero-padded.</summary>
    private static void WriteDigits(Span<byte> digits, int value)
    {
        for (int i = digits.Length - 1; i >= 0; i--, value /= 10) digits[i] = (byte)('0' + value % 10);
    }
}
