using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LogFlux.Sinks.Protocol;

/// <summary>
/// Writes the v2 JSON payload of an entry (docs/protocol.md#entry-payloads): compact, fields in the order of the protocol
/// tables, nulls and empty maps omitted, attribute values as strings, the global context applied
/// (an empty <c>source</c> filled, <c>environment</c>/<c>release</c> added to <c>meta</c> without overwriting).
/// </summary>
internal static class EntryJsonWriter
{
    /// <summary>Writer options: compact, and no escaping of non-ASCII text (the payload is never embedded in HTML).</summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = true,
    };

    public const int MaxStackFrames = 20;
    public const int MaxErrorChain = 10;
    public const string TruncatedAttribute = "logflux.truncated";

    /// <summary>The attribute in which adapters of template-based frameworks repeat the message's template; truncated like the message.</summary>
    public const string MessageTemplateAttribute = "message_template";

    internal static readonly JsonEncodedText V = JsonEncodedText.Encode("v");
    internal static readonly JsonEncodedText V2 = JsonEncodedText.Encode("2.0");
    internal static readonly JsonEncodedText TypeName = JsonEncodedText.Encode("type");
    internal static readonly JsonEncodedText SourceName = JsonEncodedText.Encode("source");
    internal static readonly JsonEncodedText LevelName = JsonEncodedText.Encode("level");
    internal static readonly JsonEncodedText Ts = JsonEncodedText.Encode("ts");
    internal static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    internal static readonly JsonEncodedText Logger = JsonEncodedText.Encode("logger");
    private static readonly JsonEncodedText ErrorType = JsonEncodedText.Encode("error_type");
    private static readonly JsonEncodedText ErrorMessage = JsonEncodedText.Encode("error_message");
    private static readonly JsonEncodedText StackTrace = JsonEncodedText.Encode("stack_trace");
    private static readonly JsonEncodedText Function = JsonEncodedText.Encode("function");
    private static readonly JsonEncodedText File = JsonEncodedText.Encode("file");
    private static readonly JsonEncodedText Line = JsonEncodedText.Encode("line");
    private static readonly JsonEncodedText ErrorChain = JsonEncodedText.Encode("error_chain");
    private static readonly JsonEncodedText Breadcrumbs = JsonEncodedText.Encode("breadcrumbs");
    private static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("timestamp");
    private static readonly JsonEncodedText Category = JsonEncodedText.Encode("category");
    private static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
    private static readonly JsonEncodedText Unit = JsonEncodedText.Encode("unit");
    private static readonly JsonEncodedText TraceId = JsonEncodedText.Encode("trace_id");
    private static readonly JsonEncodedText SpanId = JsonEncodedText.Encode("span_id");
    private static readonly JsonEncodedText ParentSpanId = JsonEncodedText.Encode("parent_span_id");
    private static readonly JsonEncodedText Operation = JsonEncodedText.Encode("operation");
    private static readonly JsonEncodedText StartTime = JsonEncodedText.Encode("start_time");
    private static readonly JsonEncodedText EndTime = JsonEncodedText.Encode("end_time");
    private static readonly JsonEncodedText DurationMs = JsonEncodedText.Encode("duration_ms");
    private static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText Event = JsonEncodedText.Encode("event");
    private static readonly JsonEncodedText Action = JsonEncodedText.Encode("action");
    private static readonly JsonEncodedText Actor = JsonEncodedText.Encode("actor");
    private static readonly JsonEncodedText ActorType = JsonEncodedText.Encode("actor_type");
    private static readonly JsonEncodedText Resource = JsonEncodedText.Encode("resource");
    private static readonly JsonEncodedText ResourceId = JsonEncodedText.Encode("resource_id");
    private static readonly JsonEncodedText Outcome = JsonEncodedText.Encode("outcome");
    private static readonly JsonEncodedText DeviceId = JsonEncodedText.Encode("device_id");
    private static readonly JsonEncodedText Readings = JsonEncodedText.Encode("readings");
    private static readonly JsonEncodedText Attributes = JsonEncodedText.Encode("attributes");
    private static readonly JsonEncodedText Meta = JsonEncodedText.Encode("meta");
    private const string EnvironmentKey = "environment";
    private const string ReleaseKey = "release";

    /// <summary>Writes the payload of <paramref name="entry"/> as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, LogFluxEntry entry, GlobalContext context) =>
        Write(writer, entry, context, Truncation.None);

    /// <summary>Serialises the payload to UTF-8 JSON.</summary>
    public static byte[] ToUtf8(LogFluxEntry entry, GlobalContext context)
    {
        using var buffer = new PooledBufferWriter(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, entry, context);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The payload as a mutable JSON object (what before-send hooks receive).</summary>
    public static JsonObject ToJsonObject(LogFluxEntry entry, GlobalContext context) =>
        (JsonObject)JsonNode.Parse(ToUtf8(entry, context))!;

    /// <summary>The <c>type</c> field of an entry type: types 6 and 7 are both <c>telemetry</c>.</summary>
    public static string TypeText(LogFluxEntryType type) => type switch
    {
        LogFluxEntryType.Log => "log",
        LogFluxEntryType.Metric => "metric",
        LogFluxEntryType.Trace => "trace",
        LogFluxEntryType.Event => "event",
        LogFluxEntryType.Audit => "audit",
        LogFluxEntryType.Telemetry or LogFluxEntryType.TelemetryManaged => "telemetry",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown entry type."),
    };

    /// <summary>The wire value of a metric kind.</summary>
    public static string KindText(MetricKind kind) => kind switch
    {
        MetricKind.Counter => "counter",
        MetricKind.Gauge => "gauge",
        MetricKind.Distribution => "distribution",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown metric kind."),
    };

    /// <summary>Writes the payload with the reductions of <paramref name="truncation"/> applied (docs/protocol.md#limits-and-truncation).</summary>
    internal static void Write(Utf8JsonWriter writer, LogFluxEntry entry, GlobalContext context, in Truncation truncation)
    {
        writer.WriteStartObject();
        writer.WriteString(V, V2);
        writer.WriteString(TypeName, TypeText(entry.EntryType));
        writer.WriteString(SourceName, Utf16Text.Scrub(string.IsNullOrEmpty(entry.Source) ? context.Source : entry.Source));
        writer.WriteNumber(LevelName, (int)entry.Level);
        WriteTimestamp(writer, Ts, entry.Timestamp);

        switch (entry)
        {
            case LogEntry log: WriteLog(writer, log, truncation); break;
            case MetricEntry metric: WriteMetric(writer, metric); break;
            case SpanEntry span: WriteSpan(writer, span); break;
            case EventEntry evt: writer.WriteString(Event, Utf16Text.Scrub(evt.Name ?? string.Empty)); break;
            case AuditEntry audit: WriteAudit(writer, audit); break;
            case TelemetryEntry telemetry: WriteTelemetry(writer, telemetry); break;
            default: throw new NotSupportedException($"Entry class {entry.GetType().Name} is not supported.");
        }

        WriteAttributes(writer, entry.Attributes, truncation.MarkTruncated, truncation.MaxTextLength);
        WriteMeta(writer, entry.Meta, context);
        writer.WriteEndObject();
    }

    private static void WriteLog(Utf8JsonWriter writer, LogEntry log, in Truncation truncation)
    {
        writer.WriteString(Message, Utf16Text.Scrub(Cut(log.Message, truncation.MaxTextLength)));
        if (!string.IsNullOrEmpty(log.Logger)) writer.WriteString(Logger, Utf16Text.Scrub(log.Logger));
        var error = log.Error;
        if (error is null) return;

        writer.WriteString(ErrorType, Utf16Text.Scrub(error.Type ?? string.Empty));
        writer.WriteString(ErrorMessage, Utf16Text.Scrub(Cut(error.Message, truncation.MaxTextLength)));

        if (!truncation.DropStackTrace && error.StackTrace.Count > 0)
        {
            writer.WriteStartArray(StackTrace);
            int frames = Math.Min(error.StackTrace.Count, MaxStackFrames);
            for (int i = 0; i < frames; i++)
            {
                var frame = error.StackTrace[i];
                writer.WriteStartObject();
                writer.WriteString(Function, Utf16Text.Scrub(frame.Function ?? string.Empty));
                writer.WriteString(File, Utf16Text.Scrub(string.IsNullOrEmpty(frame.File) ? "unknown" : frame.File));
                writer.WriteNumber(Line, frame.Line);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }

        if (error.Chain.Count >= 2)
        {
            writer.WriteStartArray(ErrorChain);
            int links = Math.Min(error.Chain.Count, MaxErrorChain);
            for (int i = 0; i < links; i++)
            {
                var link = error.Chain[i];
                writer.WriteStartObject();
                writer.WriteString(TypeName, Utf16Text.Scrub(link.Type ?? string.Empty));
                writer.WriteString(Message, Utf16Text.Scrub(Cut(link.Message, truncation.MaxTextLength)));
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }

        if (!truncation.DropBreadcrumbs && error.Breadcrumbs.Count > 0)
        {
            writer.WriteStartArray(Breadcrumbs);
            foreach (var crumb in error.Breadcrumbs)
            {
                writer.WriteStartObject();
                WriteTimestamp(writer, Timestamp, crumb.Timestamp);
                if (!string.IsNullOrEmpty(crumb.Category)) writer.WriteString(Category, Utf16Text.Scrub(crumb.Category));
                writer.WriteString(Message, Utf16Text.Scrub(crumb.Message ?? string.Empty));
                if (!string.IsNullOrEmpty(crumb.Level)) writer.WriteString(LevelName, Utf16Text.Scrub(crumb.Level));
                if (HasStringPairs(crumb.Data))
                {
                    writer.WriteStartObject(Data);
                    WriteStringPairs(writer, crumb.Data!);
                    writer.WriteEndObject();
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
    }

    private static void WriteMetric(Utf8JsonWriter writer, MetricEntry metric)
    {
        writer.WriteString(Name, Utf16Text.Scrub(metric.Name ?? string.Empty));
        writer.WriteNumber(Value, metric.Value);
        writer.WriteString(Kind, KindText(metric.Kind));
        if (!string.IsNullOrEmpty(metric.Unit)) writer.WriteString(Unit, Utf16Text.Scrub(metric.Unit));
    }

    private static void WriteSpan(Utf8JsonWriter writer, SpanEntry span)
    {
        writer.WriteString(TraceId, LowerHex(span.TraceId));
        writer.WriteString(SpanId, LowerHex(span.SpanId));
        if (!string.IsNullOrEmpty(span.ParentSpanId)) writer.WriteString(ParentSpanId, LowerHex(span.ParentSpanId));
        writer.WriteString(Operation, Utf16Text.Scrub(span.Operation ?? string.Empty));
        writer.WriteString(Name, Utf16Text.Scrub(span.Name ?? string.Empty));
        WriteTimestamp(writer, StartTime, span.StartTime);
        WriteTimestamp(writer, EndTime, span.EndTime);
        long duration = (span.EndTime - span.StartTime).Ticks / TimeSpan.TicksPerMillisecond;
        writer.WriteNumber(DurationMs, Math.Max(0, duration));
        writer.WriteString(Status, Utf16Text.Scrub(string.IsNullOrEmpty(span.Status) ? "ok" : span.Status));
    }

    private static void WriteAudit(Utf8JsonWriter writer, AuditEntry audit)
    {
        writer.WriteString(Action, Utf16Text.Scrub(audit.Action ?? string.Empty));
        writer.WriteString(Actor, Utf16Text.Scrub(audit.Actor ?? string.Empty));
        if (!string.IsNullOrEmpty(audit.ActorType)) writer.WriteString(ActorType, Utf16Text.Scrub(audit.ActorType));
        writer.WriteString(Resource, Utf16Text.Scrub(audit.Resource ?? string.Empty));
        writer.WriteString(ResourceId, Utf16Text.Scrub(audit.ResourceId ?? string.Empty));
        writer.WriteString(Outcome, Utf16Text.Scrub(string.IsNullOrEmpty(audit.Outcome) ? "success" : audit.Outcome));
    }

    private static void WriteTelemetry(Utf8JsonWriter writer, TelemetryEntry telemetry)
    {
        writer.WriteString(DeviceId, Utf16Text.Scrub(telemetry.DeviceId ?? string.Empty));
        writer.WriteStartArray(Readings);
        foreach (var reading in telemetry.Readings)
        {
            writer.WriteStartObject();
            writer.WriteString(Name, Utf16Text.Scrub(reading.Name ?? string.Empty));
            writer.WriteNumber(Value, reading.Value);
            if (!string.IsNullOrEmpty(reading.Unit)) writer.WriteString(Unit, Utf16Text.Scrub(reading.Unit));
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void WriteAttributes(Utf8JsonWriter writer, Dictionary<string, string>? attributes, bool markTruncated, int maxTextLength)
    {
        bool any = HasStringPairs(attributes);
        if (!any && !markTruncated) return;
        writer.WriteStartObject(Attributes);
        if (any)
        {
            foreach (var pair in attributes!)
            {
                if (pair.Value is null || pair.Key is null) continue;
                if (markTruncated && pair.Key == TruncatedAttribute) continue;
                var value = pair.Key == MessageTemplateAttribute ? Cut(pair.Value, maxTextLength) : pair.Value.AsSpan();
                writer.WriteString(Utf16Text.Scrub(pair.Key)!, Utf16Text.Scrub(value));
            }
        }
        if (markTruncated) writer.WriteString(TruncatedAttribute, "true");
        writer.WriteEndObject();
    }

    internal static void WriteMeta(Utf8JsonWriter writer, Dictionary<string, string>? meta, GlobalContext context)
    {
        bool addEnvironment = !string.IsNullOrEmpty(context.Environment) && (meta is null || !meta.ContainsKey(EnvironmentKey));
        bool addRelease = !string.IsNullOrEmpty(context.Release) && (meta is null || !meta.ContainsKey(ReleaseKey));
        if (!HasStringPairs(meta) && !addEnvironment && !addRelease) return;

        writer.WriteStartObject(Meta);
        if (meta is not null) WriteStringPairs(writer, meta);
        if (addEnvironment) writer.WriteString(EnvironmentKey, Utf16Text.Scrub(context.Environment));
        if (addRelease) writer.WriteString(ReleaseKey, Utf16Text.Scrub(context.Release));
        writer.WriteEndObject();
    }

    private static bool HasStringPairs(IReadOnlyDictionary<string, string>? map)
    {
        if (map is null || map.Count == 0) return false;
        foreach (var pair in map)
        {
            if (pair.Value is not null) return true;
        }
        return false;
    }

    private static void WriteStringPairs(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> map)
    {
        foreach (var pair in map)
        {
            if (pair.Value is not null && pair.Key is not null) writer.WriteString(Utf16Text.Scrub(pair.Key)!, Utf16Text.Scrub(pair.Value));
        }
    }

    internal static void WriteTimestamp(Utf8JsonWriter writer, JsonEncodedText name, DateTimeOffset value)
    {
        Span<byte> utf8 = stackalloc byte[Rfc3339.Length];
        Rfc3339.Format(value, utf8);
        writer.WriteString(name, utf8);
    }

    private static string LowerHex(string? id)
    {
        if (string.IsNullOrEmpty(id)) return string.Empty;
        foreach (char c in id)
        {
            if (char.IsAsciiLetterUpper(c)) return id.ToLowerInvariant();
        }
        return id;
    }

    private static ReadOnlySpan<char> Cut(string? text, int maxLength)
    {
        if (text is null) return ReadOnlySpan<char>.Empty;
        if (maxLength < 0 || text.Length <= maxLength) return text;
        int cut = maxLength;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1])) cut--;
        return text.AsSpan(0, cut);
    }

    /// <summary>Reductions applied to an oversized payload (docs/protocol.md#limits-and-truncation).</summary>
    /// <param name="MaxTextLength">Longest message / error message / chain message in characters; negative for no limit.</param>
    /// <param name="DropStackTrace">Omit <c>stack_trace</c>.</param>
    /// <param name="DropBreadcrumbs">Omit <c>breadcrumbs</c>.</param>
    /// <param name="MarkTruncated">Add the attribute <c>logflux.truncated</c> = <c>true</c>.</param>
    internal readonly record struct Truncation(int MaxTextLength, bool DropStackTrace, bool DropBreadcrumbs, bool MarkTruncated)
    {
        public static Truncation None => new(-1, false, false, false);
    }
}
