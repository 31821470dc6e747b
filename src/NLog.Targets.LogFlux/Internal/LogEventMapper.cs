using System.Collections;
using System.Text;
using LogFlux.Sinks;
using LogFlux.Sinks.Adapters;
using NLog.MessageTemplates;

namespace NLog.Targets.LogFlux.Internal;

/// <summary>
/// Builds the LogFlux entry of one NLog event: rendered message, mapped level, the event's own timestamp,
/// logger name, properties as attribute strings, trace/span ids and error details. Events written by the
/// helper methods (metrics, events, audit entries, spans) become entries of that type.
/// </summary>
internal static class LogEventMapper
{
    public const string TraceIdAttribute = "trace_id";
    public const string SpanIdAttribute = "span_id";

    /// <summary>Prefix of a property name that lost against an earlier property of the same name; never sent.</summary>
    public const string DuplicateMarker = "\u0000duplicate:";

    public static LogFluxEntry Map(
        LogEventInfo logEvent,
        LogFluxLevel level,
        string message,
        IDictionary<string, object?> properties,
        string? traceId,
        string? spanId,
        IJsonConverter? json)
    {
        var entry = new LogEntry(level, message, ToUtc(logEvent.TimeStamp))
        {
            Logger = string.IsNullOrEmpty(logEvent.LoggerName) ? null : logEvent.LoggerName,
        };

        if (properties.Count > 0 || !string.IsNullOrEmpty(traceId))
        {
            var serialized = SerializedNames(logEvent);
            var attributes = new Dictionary<string, string>(properties.Count + 2, StringComparer.Ordinal);
            foreach (var pair in properties)
            {
                if (string.IsNullOrEmpty(pair.Key) || pair.Key.StartsWith(DuplicateMarker, StringComparison.Ordinal)) continue;
                var text = Format(pair.Value, serialized?.Contains(pair.Key) == true, json);
                if (text is not null) attributes[pair.Key] = text;
            }
            // An explicit trace_id/span_id property of the event wins over the ambient one.
            if (!string.IsNullOrEmpty(traceId)) attributes.TryAdd(TraceIdAttribute, traceId);
            if (!string.IsNullOrEmpty(spanId)) attributes.TryAdd(SpanIdAttribute, spanId);
            if (attributes.Count > 0) entry.Attributes = attributes;
        }

        if (logEvent.Exception is { } exception)
        {
            entry.Error = ErrorDetails.FromException(exception);
        }

        var converted = FrameworkEntryConverter.Convert(entry);
        if (converted is SpanEntry span && span.Attributes is { } spanAttributes)
        {
            // A span carries its own ids; the ambient ones of the thread that ended it would only confuse.
            spanAttributes.Remove(TraceIdAttribute);
            spanAttributes.Remove(SpanIdAttribute);
            if (spanAttributes.Count == 0) span.Attributes = null;
        }
        return converted;
    }

    internal static DateTimeOffset ToUtc(DateTime timestamp)
    {
        var utc = timestamp.Kind == DateTimeKind.Utc ? timestamp : timestamp.ToUniversalTime();
        return new DateTimeOffset(utc, TimeSpan.Zero);
    }

    /// <summary>
    /// Formats a property value: structured objects captured with <c>{@value}</c> as compact JSON through
    /// NLog's own serializer, everything else per the LogFlux attribute rules.
    /// </summary>
    internal static string? Format(object? value, bool serialize, IJsonConverter? json)
    {
        if (value is null) return null;
        if (serialize && json is not null && value is not (IConvertible or IFormattable or IEnumerable))
        {
            try
            {
                var builder = new StringBuilder();
                if (json.SerializeObject(value, builder)) return builder.ToString();
            }
            catch (Exception)
            {
                // Fall back to the plain text form below.
            }
        }
        return AttributeValueFormatter.Format(value);
    }

    internal static HashSet<string>? SerializedNames(LogEventInfo logEvent)
    {
        if (!logEvent.HasProperties) return null;
        HashSet<string>? names = null;
        try
        {
            foreach (var parameter in logEvent.MessageTemplateParameters)
            {
                if (parameter.CaptureType == CaptureType.Serialize)
                {
                    (names ??= new HashSet<string>(StringComparer.Ordinal)).Add(parameter.Name);
                }
            }
        }
        catch (Exception)
        {
            // A message that is not a valid template has no capture hints.
        }
        return names;
    }
}
