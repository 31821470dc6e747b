
namespace LogFlux.Sinks.Records;

/// <summary>
/// The one rule that decides a record's attributes, for every adapter and on every path (JSON on the sender, an
/// entry when one is needed at once). The first value written under a name wins, in this order:
/// <list type="number">
/// <item>the event's properties (the adapter's formatter decides their text);</item>
/// <item>the extra attributes the adapter derived (message template, event id, location, exception text);</item>
/// <item>the framework's scope states, then the client scope's attributes;</item>
/// <item>the logging flow's <c>trace_id</c> and <c>span_id</c>, only when no <c>trace_id</c> was written.</item>
/// </list>
/// A record written by a helper method (metric, event, audit, span) leaves out its marker properties and the
/// message template (they describe the readable line other sinks show), and a span never carries the flow's
/// trace and span id: it has its own.
/// </summary>
internal static class RecordAttributes
{
    public const string TraceId = "trace_id";
    public const string SpanId = "span_id";
    public const string MessageTemplate = "message_template";

    /// <summary>Writes the attributes of <paramref name="record"/> (as a log line, or as the helper entry <paramref name="helper"/>).</summary>
    public static void Write(CapturedRecord record, Protocol.LogFluxAttributeWriter attributes, LogFluxEntry? helper = null)
    {
        attributes.SkippedPrefix = helper is null ? null : FrameworkEntryProperties.Prefix;
        try
        {
            WriteOrdered(record, attributes, helper);
        }
        finally
        {
            attributes.SkippedPrefix = null;
        }
    }

    /// <summary>The attributes as a map, or null when there are none.</summary>
    public static Dictionary<string, string>? Collect(CapturedRecord record, LogFluxEntry? helper = null)
    {
        var collected = Protocol.LogFluxAttributeWriter.Collect(writer => Write(record, writer, helper));
        return collected.Count > 0 ? collected : null;
    }

    /// <summary>
    /// The record as an entry: the helper entry it asks for when its markers are complete, else a log entry (with
    /// the exception as error details). Client scope attributes already attached to the record are included.
    /// </summary>
    public static LogFluxEntry ToEntry(CapturedRecord record)
    {
        var helper = record.HelperKind is { } kind ? HelperEntryReader.Read(record, kind) : null;
        var attributes = Collect(record, helper);
        if (helper is not null)
        {
            helper.Attributes = attributes;
            return helper;
        }
        var entry = new LogEntry(record.Level, record.RenderMessage(), record.Timestamp) { Logger = record.Logger, Attributes = attributes };
        if (record.Exception is { } exception) entry.Error = ErrorDetails.FromException(exception);
        return entry;
    }

    private static void WriteOrdered(CapturedRecord record, Protocol.LogFluxAttributeWriter attributes, LogFluxEntry? helper)
    {
        if (record.Properties is { } properties) record.Formatter.WriteProperties(properties, attributes);
        if (record.Extra is { } extra)
        {
            for (var i = 0; i < extra.Count; i++)
            {
                var pair = extra[i];
                if (helper is null || pair.Key != MessageTemplate) attributes.AddValue(pair.Key, pair.Value);
            }
        }
        if (record.AdapterScopes is { } scopes) record.Formatter.WriteScopes(scopes, attributes);
        if (record.ScopeAttributes is { } scope)
        {
            foreach (var pair in scope) attributes.Add(pair.Key, pair.Value);
        }
        if (helper is not SpanEntry) record.Trace.WriteTo(attributes);
    }
}
