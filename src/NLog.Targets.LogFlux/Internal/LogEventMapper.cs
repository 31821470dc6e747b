using System.Collections;
using System.Text;
using LogFlux.Sinks;
using LogFlux.Sinks.Context;
using LogFlux.Sinks.Records;
using NLog.MessageTemplates;

namespace NLog.Targets.LogFlux.Internal;

/// <summary>
/// Captures one NLog event as a record for the LogFlux client: rendered message, mapped level, the event's own
/// timestamp, logger name, properties, trace/span ids and exception. The core decides the attributes and turns
/// events written by the helper methods into their entry types.
/// </summary>
internal static class LogEventMapper
{
    /// <summary>Prefix of a property name that lost against an earlier property of the same name; never sent.</summary>
    public const string DuplicateMarker = "\u0000duplicate:";

    /// <summary>
    /// Captures the event on the logging thread: the rendered message, the collected properties (formatted on the
    /// sender unless the event needs an entry at once) and the trace ids rendered from the event, which travel
    /// with it so the thread that hands it over (an async wrapper's) never adds its own.
    /// </summary>
    public static CapturedRecord ToRecord(LogEventInfo logEvent, LogFluxLevel level, string message, IDictionary<string, object?> properties,
        string? traceId, string? spanId, IJsonConverter? json)
    {
        var serialized = json is not null && HasStructuredValue(properties) ? SerializedNames(logEvent) : null;
        return new CapturedRecord(level, ToUtc(logEvent.TimeStamp), logEvent.LoggerName)
        {
            Message = message,
            Properties = properties.Count > 0 ? properties : null,
            PropertyCount = properties.Count,
            Formatter = NLogValueFormatter.For(json, serialized),
            Exception = logEvent.Exception,
        }.WithTrace(CapturedTrace.FromText(traceId, spanId));
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

    private static bool HasStructuredValue(IDictionary<string, object?> properties)
    {
        foreach (var pair in properties)
        {
            if (pair.Value is not (null or IConvertible or IFormattable)) return true;
        }
        return false;
    }
}
