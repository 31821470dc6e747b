using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LogFlux.Sinks.Testing;

/// <summary>Formats received entries as single readable lines (used by the demo and by wait-timeout messages).</summary>
internal static class ReceivedEntryFormatter
{
    private static readonly string[] LevelNames = ["?", "emergency", "alert", "critical", "error", "warning", "notice", "info", "debug"];

    /// <summary>
    /// Formats <paramref name="entry"/>, e.g. <c>log/info [checkout-api] order placed {order_id=ord_1001}</c>.
    /// The API key and key material are never included.
    /// </summary>
    /// <param name="entry">The entry to format.</param>
    public static string Format(ReceivedEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var line = new StringBuilder();
        line.Append(entry.Type).Append('/').Append(LevelName(entry.Level));
        if (entry.EntryType == 7)
        {
            line.Append(" (managed)");
        }

        if (!string.IsNullOrEmpty(entry.Source))
        {
            line.Append(" [").Append(entry.Source).Append(']');
        }

        line.Append(' ').Append(MainText(entry));
        if (entry.Attributes.Count > 0)
        {
            line.Append(" {");
            line.AppendJoin(", ", entry.Attributes.Select(a => a.Key + "=" + a.Value));
            line.Append('}');
        }

        return OneLine(line.ToString());
    }

    /// <summary>Keeps the text on one line: control characters (a newline in an attribute, say) become visible escapes.</summary>
    private static string OneLine(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var line = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            _ = c switch
            {
                '\n' => line.Append("\\n"),
                '\r' => line.Append("\\r"),
                '\t' => line.Append("\\t"),
                _ when char.IsControl(c) => line.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => line.Append(c),
            };
        }

        return line.ToString();
    }

    private static string LevelName(int level) => level is >= 1 and <= 8 ? LevelNames[level] : level.ToString(CultureInfo.InvariantCulture);

    private static string MainText(ReceivedEntry entry)
    {
        string S(string name) => entry.GetString(name) ?? string.Empty;
        switch (entry.Type)
        {
            case "metric":
                string value = entry.Json.TryGetProperty("value", out var v) ? v.GetRawText() : "?";
                return $"{S("name")}={value} ({(entry.GetString("kind") is not null ? S("kind") : S("metric_type"))}{(entry.GetString("unit") is { } unit ? ", " + unit : string.Empty)})";
            case "trace":
                string duration = entry.Json.TryGetProperty("duration_ms", out var d) ? d.GetRawText() : "0";
                string name = entry.GetString("name") is not null ? S("name") : S("description");
                return $"{S("operation")} \"{name}\" {duration} ms {S("status")} trace={S("trace_id")} span={S("span_id")}";
            case "event":
                return S("event");
            case "audit":
                return $"{S("actor")} {S("action")} {S("resource")}/{S("resource_id")}" +
                    (entry.GetString("outcome") is { } outcome ? " -> " + outcome : string.Empty);
            case "telemetry":
                int readings = entry.Json.TryGetProperty("readings", out var r) && r.ValueKind == JsonValueKind.Array ? r.GetArrayLength() : 0;
                return $"device {S("device_id")}, {readings} reading(s)";
            default:
                string text = S("message");
                if (entry.GetString("error_type") is { } errorType)
                {
                    text += " !" + errorType;
                }

                return entry.Logger is { } logger ? $"{logger}: {text}" : text;
        }
    }
}
