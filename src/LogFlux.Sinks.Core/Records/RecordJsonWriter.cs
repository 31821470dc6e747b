using System.Text.Json;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Records;

internal static class RecordJsonWriter
{
    private static readonly JsonEncodedText LogType = JsonEncodedText.Encode("log");

    /// <summary>
    /// Writes the payload of a captured record straight from the adapter's data: the same fields and order as
    /// <see cref="EntryJsonWriter.Write(Utf8JsonWriter, LogFluxEntry, GlobalContext)"/> for a log entry, with the attributes in the
    /// order of <see cref="RecordAttributes"/>.
    /// </summary>
    public static void WriteRecord(Utf8JsonWriter writer, CapturedRecord record, GlobalContext context, LogFluxAttributeWriter attributes, PooledCharWriter message)
    {
        writer.WriteStartObject();
        writer.WriteString(EntryJsonWriter.V, EntryJsonWriter.V2);
        writer.WriteString(EntryJsonWriter.TypeName, LogType);
        writer.WriteString(EntryJsonWriter.SourceName, Utf16Text.Scrub(context.Source));
        writer.WriteNumber(EntryJsonWriter.LevelName, (int)record.Level);
        EntryJsonWriter.WriteTimestamp(writer, EntryJsonWriter.Ts, record.Timestamp);

        if (record.Message is { } text)
        {
            writer.WriteString(EntryJsonWriter.Message, Utf16Text.Scrub(text));
        }
        else
        {
            message.Clear();
            if (record.MessageState is { } state) record.Formatter.RenderMessage(state, message);
            writer.WriteString(EntryJsonWriter.Message, Utf16Text.Scrub(message.WrittenSpan));
            message.Clear();
        }
        if (record.Logger is { } logger) writer.WriteString(EntryJsonWriter.Logger, Utf16Text.Scrub(logger));

        attributes.Begin(writer);
        try
        {
            RecordAttributes.Write(record, attributes);
        }
        finally
        {
            attributes.End();
        }
        EntryJsonWriter.WriteMeta(writer, null, context);
        writer.WriteEndObject();
    }
}
