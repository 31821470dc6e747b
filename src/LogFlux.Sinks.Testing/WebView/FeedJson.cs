using System.Text;
using System.Text.Json;
using LogFlux.Sinks.Testing.Hosting;

namespace LogFlux.Sinks.Testing.WebView;

/// <summary>The JSON the web view receives for an entry or a request (compact: one line each).</summary>
internal static class FeedJson
{
    public static string Entry(long sequence, ReceivedEntry entry) => Item("entry", sequence, w =>
    {
        w.WriteNumber("request", entry.RequestNumber);
        w.WriteNumber("part", entry.PartNumber);
        w.WriteNumber("entry_type", entry.EntryType);
        w.WriteString("received_at", entry.ReceivedAt);
        w.WritePropertyName("payload");
        entry.Json.WriteTo(w);
    });

    public static string Request(long sequence, ReceivedRequest request) => Item("request", sequence, w =>
    {
        w.WriteNumber("number", request.Number);
        w.WriteString("method", request.Method);
        w.WriteString("path", request.Path);
        w.WriteNumber("status", request.StatusCode);
        w.WriteBoolean("aborted", request.ConnectionAborted);
        w.WriteNumber("part_count", request.PartCount);
        w.WriteNumber("accepted", request.AcceptedEntryCount);
        w.WriteString("received_at", request.ReceivedAt);
        if (request.RejectionReason is { } reason)
        {
            w.WriteString("reason", reason);
        }

        if (request.Fault is { } fault)
        {
            w.WriteString("fault", fault);
        }

        WriteList(w, "part_errors", request.PartErrors);
        WriteList(w, "warnings", request.Warnings);
    });

    /// <summary>One feed item: <c>kind</c> and <c>seq</c>, then the item's own fields.</summary>
    private static string Item(string kind, long sequence, Action<Utf8JsonWriter> fields) => Text(JsonBodies.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("kind", kind);
        w.WriteNumber("seq", sequence);
        fields(w);
        w.WriteEndObject();
    }));

    private static void WriteList(Utf8JsonWriter w, string name, IReadOnlyList<string> items)
    {
        w.WriteStartArray(name);
        foreach (string item in items)
        {
            w.WriteStringValue(item);
        }

        w.WriteEndArray();
    }

    private static string Text(byte[] utf8) => Encoding.UTF8.GetString(utf8);
}
