using LogFlux.Sinks.Context;
using LogFlux.Sinks.Records;
using Serilog.Events;

namespace Serilog.Sinks.LogFlux;

/// <summary>
/// Captures a Serilog event for the LogFlux client: mapped level, event timestamp, <c>SourceContext</c> as logger,
/// the event itself as properties and message (written on the sender by <see cref="LogEventFormatter"/>), the
/// message template when asked for, the exception, and the trace context Serilog captured with the event (else the
/// client captures the flow's). The core decides the attributes and turns helper events into their entry types.
/// </summary>
internal sealed class LogEventConverter(LevelMapping levels, bool includeMessageTemplate)
{
    /// <summary>The property Serilog uses for the logger name.</summary>
    public const string SourceContextProperty = "SourceContext";

    public CapturedRecord ToRecord(LogEvent logEvent)
    {
        var record = new CapturedRecord(levels.Map(logEvent.Level), logEvent.Timestamp, LoggerOf(logEvent))
        {
            MessageState = logEvent,
            MessageLengthHint = 2 * logEvent.MessageTemplate.Text.Length,
            Properties = logEvent.Properties,
            PropertyCount = logEvent.Properties.Count,
            Formatter = LogEventFormatter.Instance,
            Extra = includeMessageTemplate ? [new(RecordAttributes.MessageTemplate, logEvent.MessageTemplate.Text)] : null,
            Exception = logEvent.Exception,
        };
        return logEvent.TraceId is { } trace && trace != default ? record.WithTrace(CapturedTrace.FromIds(trace, logEvent.SpanId ?? default)) : record;
    }

    private static string? LoggerOf(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue(SourceContextProperty, out var value)
            ? value is ScalarValue { Value: string name } ? name : PropertyValueConverter.ToAttribute(value)
            : null;
}
