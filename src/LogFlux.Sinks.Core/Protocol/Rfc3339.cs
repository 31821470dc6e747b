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
        Write4(d, 0, utc.Year);
        d[4] = (byte)'-';
        Write2(d, 5, utc.Month);
        d[7] = (byte)'-';
        Write2(d, 8, utc.Day);
        d[10] = (byte)'T';
        Write2(d, 11, utc.Hour);
        d[13] = (byte)':';
        Write2(d, 14, utc.Minute);
        d[16] = (byte)':';
        Write2(d, 17, utc.Second);
        d[19] = (byte)'.';
        int ms = utc.Millisecond;
        d[20] = (byte)('0' + ms / 100);
        d[21] = (byte)('0' + ms / 10 % 10);
        d[22] = (byte)('0' + ms % 10);
        d[23] = (byte)'Z';
        return Length;
    }

    private static void Write2(Span<byte> d, int at, int value)
    {
        d[at] = (byte)('0' + value / 10);
        d[at + 1] = (byte)('0' + value % 10);
    }

    private static void Write4(Span<byte> d, int at, int value)
    {
        d[at] = (byte)('0' + value / 1000);
        d[at + 1] = (byte)('0' + value / 100 % 10);
        d[at + 2] = (byte)('0' + value / 10 % 10);
        d[at + 3] = (byte)('0' + value % 10);
    }
}
