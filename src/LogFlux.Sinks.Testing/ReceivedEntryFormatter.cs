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
                return $"{S("name")}={value} ({S("kind")}{(entry.GetString("unit") is { } unit ? ", " + unit : string.Empty)})";
            case "trace":
                string duration = entry.Json.TryGetProperty("duration_ms", out var d) ? d.GetRawText() : "?";
                return $"{S("operation")} \"{S("name")}\" {duration} ms {S("status")} trace={S("trace_id")} span={S("span_id")}";
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
