using System.Globalization;

namespace LogFlux.Sinks.Testing.Protocol;

/// <summary>Strict parser for UTC RFC 3339 timestamps: <c>yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z</c>.</summary>
internal static class Rfc3339Timestamp
{
    public static bool TryParseUtc(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null || text.Length < 20 || text.Length > 30 || text[^1] != 'Z')
        {
            return false;
        }

        if (text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':')
        {
            return false;
        }

        if (!TryDigits(text, 0, 4, out int year) || !TryDigits(text, 5, 2, out int month) || !TryDigits(text, 8, 2, out int day)
            || !TryDigits(text, 11, 2, out int hour) || !TryDigits(text, 14, 2, out int minute) || !TryDigits(text, 17, 2, out int second))
        {
            return false;
        }

        long ticks = 0;
        int fractionLength = text.Length - 20;
        if (fractionLength > 0)
        {
            // ".f" needs at least two characters; at most nine digits.
            if (fractionLength < 2 || fractionLength > 10 || text[19] != '.' || !TryDigits(text, 20, fractionLength - 1, out int fraction))
            {
                return false;
            }

            int digits = fractionLength - 1;
            ticks = digits <= 7 ? fraction * Pow10(7 - digits) : fraction / Pow10(digits - 7);
        }

        if (month is < 1 or > 12 || hour > 23 || minute > 59 || second > 59 || day < 1 || year < 1
            || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        value = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).AddTicks(ticks);
        return true;
    }

    private static long Pow10(int exponent)
    {
        long result = 1;
        for (int i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static bool TryDigits(string text, int start, int length, out int value)
    {
        value = 0;
        for (int i = start; i < start + length; i++)
        {
            char c = text[i];
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return int.TryParse(text.AsSpan(start, length), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
