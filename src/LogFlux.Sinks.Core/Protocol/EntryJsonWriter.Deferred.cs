using System.Text.Json;
using LogFlux.Sinks.Adapters;
using LogFlux.Sinks.Records;

namespace LogFlux.Sinks.Protocol;

internal static partial class EntryJsonWriter
{
    private static readonly JsonEncodedText LogType = JsonEncodedText.Encode("log");

    /// <summary>
    /// Writes the payload of a captured record straight from the adapter's data: the same fields and order as
    /// <see cref="Write(Utf8JsonWriter, LogFluxEntry, GlobalContext)"/> for a log entry, with the attributes in the
    /// order of <see cref="RecordAttributes"/>.
    /// </summary>
    public static void WriteRecord(Utf8JsonWriter writer, CapturedRecord record, GlobalContext context, LogFluxAttributeWriter attributes, PooledCharWriter message)
    {
        writer.WriteStartObject();
        writer.WriteString(V, V2);
        writer.WriteString(TypeName, LogType);
        writer.WriteString(SourceName, Utf16Text.Scrub(context.Source));
        writer.WriteNumber(LevelName, (int)record.Level);
        WriteTimestamp(writer, Ts, record.Timestamp);

        if (record.Message is { } text)
        {
            writer.WriteString(Message, Utf16Text.Scrub(text));
        }
        else
        {
            message.Clear();
            if (record.MessageState is { } state) record.Formatter.RenderMessage(state, message);
            writer.WriteString(Message, Utf16Text.Scrub(message.WrittenSpan));
            message.Clear();
        }
        if (record.Logger is { } logger) writer.WriteString(Logger, Utf16Text.Scrub(logger));

        attributes.Begin(writer);
        try
        {
            RecordAttributes.Write(record, attributes);
        }
        finally
        {
            attributes.End();
        }
        WriteMeta(writer, null, context);
        writer.WriteEndObject();
    }
}
