using System.Text;

namespace LogFlux.Sinks.Protocol;

/// <summary>
/// Makes strings safe for <see cref="System.Text.Json.Utf8JsonWriter"/>, which refuses invalid UTF-16: a lone
/// surrogate (from a broken string or a cut through a pair) becomes U+FFFD. Valid strings are returned unchanged.
/// </summary>
internal static class Utf16Text
{
    public static string? Scrub(string? value)
    {
        if (value is null || value.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0) return value;
        if (IsValid(value)) return value;
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                builder.Append(c).Append(value[++i]);
            }
            else
            {
                builder.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return builder.ToString();
    }

    public static ReadOnlySpan<char> Scrub(ReadOnlySpan<char> value) =>
        value.IndexOfAnyInRange('\uD800', '\uDFFF') < 0 || IsValid(value) ? value : Scrub(value.ToString());

    private static bool IsValid(ReadOnlySpan<char> value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (!char.IsSurrogate(c)) continue;
            if (!char.IsHighSurrogate(c) || i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])) return false;
            i++;
        }
        return true;
    }
}
