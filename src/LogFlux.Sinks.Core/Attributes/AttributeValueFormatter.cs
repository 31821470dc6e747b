using System.Collections;
using System.Globalization;

namespace LogFlux.Sinks;

/// <summary>
/// Converts any value into the string form used for LogFlux attributes (docs/protocol.md#attribute-values), the same way in
/// every adapter: invariant culture, <c>true</c>/<c>false</c>, numbers in shortest round-trip form, dates as
/// RFC 3339 UTC with milliseconds, enums by name, <see cref="TimeSpan"/> in the constant (<c>c</c>) format,
/// byte arrays as base64, collections and dictionaries as compact JSON. Never throws.
/// </summary>
/// <remarks>
/// Objects that are neither scalars nor collections are rendered with <see cref="object.ToString"/> (no
/// reflection, so the library stays trimming- and AOT-safe); the framework adapters pass structured values
/// as dictionaries and sequences. Nested JSON is limited to <see cref="MaxDepth"/> levels and
/// <see cref="MaxItems"/> items per collection, and a collection that contains itself is written as
/// <c>"&lt;cycle&gt;"</c>.
/// </remarks>
internal static class AttributeValueFormatter
{
    /// <summary>Nesting depth beyond which collections are written as <c>"&lt;max depth&gt;"</c>.</summary>
    public const int MaxDepth = 8;

    /// <summary>Items written per collection; the rest is replaced by a single <c>"…"</c> item.</summary>
    public const int MaxItems = 1000;

    /// <summary>Formats <paramref name="value"/> for an attribute, or returns null for null (the key is then omitted).</summary>
    /// <param name="value">Any value.</param>
    /// <returns>The attribute text, or null.</returns>
    public static string? Format(object? value)
    {
        try
        {
            if (ScalarFormatter.TryFormat(value, out var text)) return text;
            if (value is IEnumerable) return CompactJson.Write(value);
            return value!.ToString() ?? string.Empty;
        }
        catch (Exception ex)
        {
            return Placeholder(ex);
        }
    }

    /// <summary>Formats every value of <paramref name="properties"/>; null values are left out.</summary>
    /// <param name="properties">Name/value pairs, e.g. framework event properties.</param>
    /// <returns>A new string map (empty when nothing remains).</returns>
    public static Dictionary<string, string> FormatAll(IEnumerable<KeyValuePair<string, object?>>? properties)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (properties is null) return result;
        try
        {
            foreach (var pair in properties)
            {
                if (pair.Key is null) continue;
                var text = Format(pair.Value);
                if (text is not null) result[pair.Key] = text;
            }
        }
        catch (Exception)
        {
            // An enumerator that fails half-way keeps what was read so far.
        }
        return result;
    }

    internal static string Placeholder(Exception ex) => $"<error formatting value: {ex.GetType().Name}>";

    internal static string FormatUtc(DateTime value)
    {
        var utc = value.Kind switch
        {
            DateTimeKind.Local => value.ToUniversalTime(),
            // An unspecified kind is taken as UTC: converting it as local time would shift values that
            // were meant as UTC (the common case for timestamps read from storage).
            _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        };
        return utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }
}
