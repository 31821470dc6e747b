using System.Buffers;
using System.Collections;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace LogFlux.Sinks;

/// <summary>
/// Writes collections and dictionaries as compact JSON for <see cref="AttributeValueFormatter"/>: depth- and
/// size-limited, safe against self-references, and tolerant of elements whose formatting throws.
/// </summary>
internal static class CompactJson
{
    // Relaxed escaping keeps the text readable (<, >, & and non-ASCII stay as they are); the result is an
    // attribute value, escaped again wherever it is embedded.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = false,
        SkipValidation = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(object value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            var path = new HashSet<object>(ReferenceEqualityComparer.Instance);
            WriteValue(writer, value, 0, path);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value, int depth, HashSet<object> path)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                return;
            case bool b:
                writer.WriteBooleanValue(b);
                return;
            case string s:
                writer.WriteStringValue(s);
                return;
        }
        if (ScalarFormatter.IsJsonNumber(value))
        {
            writer.WriteRawValue(AttributeValueFormatter.Format(value)!, skipInputValidation: true);
            return;
        }
        if (ScalarFormatter.TryFormat(value, out var scalar))
        {
            writer.WriteStringValue(scalar);
            return;
        }
        if (value is not IEnumerable enumerable)
        {
            writer.WriteStringValue(SafeToString(value));
            return;
        }
        if (depth >= AttributeValueFormatter.MaxDepth)
        {
            writer.WriteStringValue("<max depth>");
            return;
        }
        if (!path.Add(value))
        {
            writer.WriteStringValue("<cycle>");
            return;
        }
        try
        {
            if (value is IDictionary dictionary) WriteDictionary(writer, dictionary, depth, path);
            else if (value is IEnumerable<KeyValuePair<string, object?>> pairs) WritePairs(writer, pairs, depth, path);
            else if (value is IEnumerable<KeyValuePair<string, string>> stringPairs) WriteStringPairs(writer, stringPairs);
            else WriteArray(writer, enumerable, depth, path);
        }
        finally
        {
            path.Remove(value);
        }
    }

    private static void WriteDictionary(Utf8JsonWriter writer, IDictionary dictionary, int depth, HashSet<object> path)
    {
        writer.WriteStartObject();
        var count = 0;
        var e = dictionary.GetEnumerator();
        while (e.MoveNext())
        {
            if (++count > AttributeValueFormatter.MaxItems) break;
            var entry = e.Entry;
            writer.WritePropertyName(KeyText(entry.Key));
            WriteElement(writer, entry.Value, depth, path);
        }
        writer.WriteEndObject();
    }

    private static void WritePairs(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, object?>> pairs, int depth, HashSet<object> path)
    {
        writer.WriteStartObject();
        var count = 0;
        foreach (var pair in pairs)
        {
            if (++count > AttributeValueFormatter.MaxItems) break;
            writer.WritePropertyName(pair.Key ?? string.Empty);
            WriteElement(writer, pair.Value, depth, path);
        }
        writer.WriteEndObject();
    }

    private static void WriteStringPairs(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, string>> pairs)
    {
        writer.WriteStartObject();
        var count = 0;
        foreach (var pair in pairs)
        {
            if (++count > AttributeValueFormatter.MaxItems) break;
            writer.WritePropertyName(pair.Key ?? string.Empty);
            if (pair.Value is null) writer.WriteNullValue();
            else writer.WriteStringValue(pair.Value);
        }
        writer.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter writer, IEnumerable items, int depth, HashSet<object> path)
    {
        writer.WriteStartArray();
        var count = 0;
        foreach (var item in items)
        {
            if (++count > AttributeValueFormatter.MaxItems)
            {
                writer.WriteStringValue("…");
                break;
            }
            WriteElement(writer, item, depth, path);
        }
        writer.WriteEndArray();
    }

    private static void WriteElement(Utf8JsonWriter writer, object? value, int depth, HashSet<object> path)
        => WriteValue(writer, value, depth + 1, path);

    private static string KeyText(object? key)
    {
        try
        {
            return AttributeValueFormatter.Format(key) ?? string.Empty;
        }
        catch (Exception ex)
        {
            return AttributeValueFormatter.Placeholder(ex);
        }
    }

    private static string SafeToString(object value)
    {
        try
        {
            return value.ToString() ?? string.Empty;
        }
        catch (Exception ex)
        {
            return AttributeValueFormatter.Placeholder(ex);
        }
    }
}
