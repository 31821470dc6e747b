using System.Globalization;
using LogFlux.Sinks;
using LogFlux.Sinks.Adapters;
using Serilog.Events;

namespace Serilog.Sinks.LogFlux;

/// <summary>
/// Builds the LogFlux entry of a Serilog event (docs/protocol.md#framework-events): rendered message, mapped level, event
/// timestamp, <c>SourceContext</c> as logger, properties as attributes, the event's trace context, the
/// exception as error fields; events written by the helper methods become metrics, events, audit entries or spans.
/// </summary>
internal sealed class LogEventConverter
{
    /// <summary>The property Serilog uses for the logger name.</summary>
    public const string SourceContextProperty = "SourceContext";
    /// <summary>The attribute that holds the message template.</summary>
    public const string MessageTemplateAttribute = "message_template";
    /// <summary>The attribute that holds the trace id.</summary>
    public const string TraceIdAttribute = "trace_id";
    /// <summary>The attribute that holds the span id.</summary>
    public const string SpanIdAttribute = "span_id";

    private readonly LevelMapping _levels;
    private readonly bool _includeMessageTemplate;

    public LogEventConverter(LevelMapping levels, bool includeMessageTemplate)
    {
        _levels = levels;
        _includeMessageTemplate = includeMessageTemplate;
    }

    /// <summary>True when <see cref="Defer"/> can take the event: a plain log event without an exception or helper marker.</summary>
    public static bool CanDefer(LogEvent logEvent) =>
        logEvent.Exception is null && !logEvent.Properties.ContainsKey(FrameworkEntryProperties.Kind);

    /// <summary>The event as a deferred entry, written from the event on the client's sender.</summary>
    public DeferredLogEvent Defer(LogEvent logEvent) => new(logEvent, _levels.Map(logEvent.Level), this);

    /// <summary>Whether the message template is written as an attribute.</summary>
    public bool IncludeMessageTemplate => _includeMessageTemplate;

    public LogFluxEntry Convert(LogEvent logEvent)
    {
        var entry = ToLogEntry(logEvent, out var addedTemplate, out var addedTrace);
        var converted = FrameworkEntryConverter.Convert(entry);
        if (!ReferenceEquals(converted, entry) && converted.Attributes is { } rest)
        {
            // The helper's template describes the readable line other sinks show, not the entry itself;
            // a span carries its own ids, so the ambient ones would only contradict them.
            if (addedTemplate) rest.Remove(MessageTemplateAttribute);
            if (addedTrace && converted is SpanEntry)
            {
                rest.Remove(TraceIdAttribute);
                rest.Remove(SpanIdAttribute);
            }
            if (rest.Count == 0) converted.Attributes = null;
        }
        return converted;
    }

    /// <summary>The event as a plain log entry (no helper conversion).</summary>
    public LogEntry ToLogEntry(LogEvent logEvent) => ToLogEntry(logEvent, out _, out _);

    private LogEntry ToLogEntry(LogEvent logEvent, out bool addedTemplate, out bool addedTrace)
    {
        var entry = new LogEntry(_levels.Map(logEvent.Level), logEvent.RenderMessage(CultureInfo.InvariantCulture), logEvent.Timestamp);
        var attributes = new Dictionary<string, string>(logEvent.Properties.Count + 3, StringComparer.Ordinal);
        foreach (var property in logEvent.Properties)
        {
            if (property.Key == SourceContextProperty)
            {
                entry.Logger = property.Value is ScalarValue { Value: string name } ? name : PropertyValueConverter.ToAttribute(property.Value);
                continue;
            }
            var text = PropertyValueConverter.ToAttribute(property.Value);
            if (text is not null) attributes[property.Key] = text;
        }

        // Event properties are explicit and win over the values derived here.
        addedTemplate = _includeMessageTemplate && attributes.TryAdd(MessageTemplateAttribute, logEvent.MessageTemplate.Text);
        addedTrace = AddTraceContext(logEvent, attributes);

        if (logEvent.Exception is { } exception) entry.Error = ErrorDetails.FromException(exception);
        entry.Attributes = attributes.Count > 0 ? attributes : null;
        return entry;
    }

    /// <summary>
    /// Adds the trace and span id that Serilog captured from <see cref="System.Diagnostics.Activity.Current"/>
    /// when the event was created (on the logging thread), else the current LogFlux span's.
    /// </summary>
    private static bool AddTraceContext(LogEvent logEvent, Dictionary<string, string> attributes)
    {
        if (attributes.ContainsKey(TraceIdAttribute)) return false;
        string traceId, spanId;
        if (logEvent.TraceId is { } trace && trace != default)
        {
            traceId = trace.ToHexString();
            spanId = logEvent.SpanId is { } span && span != default ? span.ToHexString() : string.Empty;
        }
        else if (!LogFluxTraceContext.TryGetCurrent(out traceId, out spanId))
        {
            return false;
        }
        if (traceId.Length == 0) return false;
        attributes[TraceIdAttribute] = traceId;
        if (spanId.Length > 0) attributes.TryAdd(SpanIdAttribute, spanId);
        return true;
    }
}
