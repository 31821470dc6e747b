using System.Text.Json;
using LogFlux.Sinks.Adapters;
using LogFlux.Sinks.Pipeline;

namespace LogFlux.Sinks.Protocol;

internal static partial class EntryJsonWriter
{
    private static readonly JsonEncodedText LogType = JsonEncodedText.Encode("log");

    /// <summary>
    /// Writes the payload of a deferred log entry straight from its framework event: the same fields and order
    /// as <see cref="Write(Utf8JsonWriter, LogFluxEntry, GlobalContext)"/> for a log entry, with the event's
    /// attributes first, then the captured scope attributes, then the captured trace context.
    /// </summary>
    public static void WriteDeferred(Utf8JsonWriter writer, PendingEntry pending, GlobalContext context, LogFluxAttributeWriter attributes, PooledCharWriter message)
    {
        var entry = pending.Deferred!;
        writer.WriteStartObject();
        writer.WriteString(V, V2);
        writer.WriteString(TypeName, LogType);
        writer.WriteString(SourceName, Utf16Text.Scrub(context.Source));
        writer.WriteNumber(LevelName, (int)entry.Level);
        WriteTimestamp(writer, Ts, entry.Timestamp);

        message.Clear();
        entry.RenderMessage(message);
        writer.WriteString(Message, Utf16Text.Scrub(message.WrittenSpan));
        message.Clear();
        if (entry.Logger is { Length: > 0 } logger) writer.WriteString(Logger, Utf16Text.Scrub(logger));

        attributes.Begin(writer);
        try
        {
            entry.WriteAttributes(attributes);
            if (pending.ScopeAttributes is { } scope)
            {
                foreach (var pair in scope) attributes.Add(pair.Key, pair.Value);
            }
            pending.Trace.WriteTo(attributes);
        }
        finally
        {
            attributes.End();
        }
        WriteMeta(writer, null, context);
        writer.WriteEndObject();
    }
}
