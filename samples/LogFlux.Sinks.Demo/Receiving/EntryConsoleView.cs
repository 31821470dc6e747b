using System.Globalization;
using System.Text;
using System.Text.Json;
using LogFlux.Sinks.Testing;

namespace LogFlux.Sinks.Demo.Receiving;

/// <summary>
/// Writes a received entry for the console: a headline with the entry's main fields, then one indented line for
/// every other field of the payload (nothing is left out), each value kept on its line.
/// </summary>
internal static class EntryConsoleView
{
    private static readonly string[] LevelNames = ["?", "emergency", "alert", "critical", "error", "warning", "notice", "info", "debug"];

    private static readonly string FieldIndent = Environment.NewLine + "    ";

    private static readonly string[] Common = ["v", "type", "level", "ts", "source"];

    /// <summary>The fields each type's headline shows; both spellings of the aliased fields count.</summary>
    private static readonly Dictionary<string, string[]> HeadlineFields = new(StringComparer.Ordinal)
    {
        ["log"] = ["logger", "message"],
        ["metric"] = ["name", "value", "kind", "metric_type", "unit"],
        ["trace"] = ["operation", "name", "description", "duration_ms", "status"],
        ["event"] = ["event"],
        ["audit"] = ["actor", "action", "resource", "resource_id", "outcome"],
        ["telemetry"] = ["device_id"],
    };

    public static string Format(ReceivedEntry entry)
    {
        var json = entry.Json;
        var text = new StringBuilder();
        text.Append(Time(entry.Ts)).Append(' ').Append(entry.Type).Append('/').Append(LevelName(entry.Level));
        if (entry.EntryType == 7)
        {
            text.Append(" (managed)");
        }

        if (entry.Source is { Length: > 0 } source)
        {
            text.Append(" [").Append(ConsoleText.OneLine(source)).Append(']');
        }

        text.Append(' ').Append(Headline(entry));
        var shown = new HashSet<string>(Common, StringComparer.Ordinal);
        if (HeadlineFields.TryGetValue(entry.Type, out var fields))
        {
            shown.UnionWith(fields);
        }

        foreach (var property in json.EnumerateObject().Where(p => !shown.Contains(p.Name)))
        {
            AppendField(text, property.Name, property.Value);
        }

        return text.ToString();
    }

    private static string Headline(ReceivedEntry entry)
    {
        string S(string name) => ConsoleText.OneLine(entry.GetString(name));
        string Raw(string name) => entry.Json.TryGetProperty(name, out var value) ? value.GetRawText() : "0";
        string Either(string name, string alias) => entry.GetString(name) is not null ? S(name) : S(alias);
        return entry.Type switch
        {
            "metric" => $"{S("name")} = {Raw("value")}{(entry.GetString("unit") is not null ? " " + S("unit") : string.Empty)} ({Either("kind", "metric_type")})",
            "trace" => $"{S("operation")} \"{Either("name", "description")}\" {Raw("duration_ms")} ms {S("status")}",
            "event" => S("event"),
            "audit" => $"{S("actor")} {S("action")} {S("resource")}/{S("resource_id")}{(entry.GetString("outcome") is not null ? " -> " + S("outcome") : string.Empty)}",
            "telemetry" => $"device {S("device_id")}",
            _ => (entry.GetString("logger") is not null ? S("logger") + ": " : string.Empty) + S("message"),
        };
    }

    private static void AppendField(StringBuilder text, string name, JsonElement value)
    {
        string label = ConsoleText.OneLine(name);
        if (value.ValueKind == JsonValueKind.Array)
        {
            int index = 0;
            foreach (var item in value.EnumerateArray())
            {
                text.Append(FieldIndent).Append(label).Append('[').Append(index++.ToString(CultureInfo.InvariantCulture)).Append("]: ").Append(Inline(item));
            }

            if (index == 0)
            {
                text.Append(FieldIndent).Append(label).Append(": []");
            }

            return;
        }

        text.Append(FieldIndent).Append(label).Append(": ").Append(Inline(value));
    }

    /// <summary>A value on one line: strings as they are (escaped), objects as <c>key=value, ...</c>.</summary>
    private static string Inline(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => ConsoleText.OneLine(value.GetString()),
        JsonValueKind.Object => string.Join(", ", value.EnumerateObject().Select(p => ConsoleText.OneLine(p.Name) + "=" + Inline(p.Value))),
        JsonValueKind.Array => "[" + string.Join(", ", value.EnumerateArray().Select(Inline)) + "]",
        _ => value.GetRawText(),
    };

    private static string Time(string ts) =>
        ts.Length >= 23 && ts[10] == 'T' ? ts[11..23] : ConsoleText.OneLine(ts);

    private static string LevelName(int level) => level is >= 1 and <= 8 ? LevelNames[level] : level.ToString(CultureInfo.InvariantCulture);
}
