namespace LogFlux.Sinks.Records;

/// <summary>
/// Property names that the framework helper methods (counters, gauges, events, audit entries, spans written
/// through Serilog, NLog or log4net) attach to an ordinary log event. The LogFlux adapter turns such an event
/// into the requested entry type (<see cref="Records.HelperEntryReader"/>); every other sink, target or
/// appender sees a readable log line. Names contain no dots so that they are valid in message templates.
/// Values keep their types: numbers stay numbers, the span start a <see cref="DateTimeOffset"/>.
/// </summary>
internal static class FrameworkEntryProperties
{
    /// <summary>The prefix every marker name starts with.</summary>
    public const string Prefix = "LogFlux";
    /// <summary>Marks the event: <c>metric</c>, <c>event</c>, <c>audit</c> or <c>span</c>.</summary>
    public const string Kind = "LogFluxKind";
    /// <summary>Metric name.</summary>
    public const string MetricName = "LogFluxMetricName";
    /// <summary>Metric value (a number).</summary>
    public const string MetricValue = "LogFluxMetricValue";
    /// <summary>Metric kind: <c>counter</c>, <c>gauge</c> or <c>distribution</c>.</summary>
    public const string MetricKind = "LogFluxMetricKind";
    /// <summary>Optional metric unit.</summary>
    public const string MetricUnit = "LogFluxMetricUnit";
    /// <summary>Event name.</summary>
    public const string EventName = "LogFluxEventName";
    /// <summary>Audit action.</summary>
    public const string AuditAction = "LogFluxAuditAction";
    /// <summary>Audit actor.</summary>
    public const string AuditActor = "LogFluxAuditActor";
    /// <summary>Audit resource kind.</summary>
    public const string AuditResource = "LogFluxAuditResource";
    /// <summary>Audit resource id.</summary>
    public const string AuditResourceId = "LogFluxAuditResourceId";
    /// <summary>Audit outcome.</summary>
    public const string AuditOutcome = "LogFluxAuditOutcome";
    /// <summary>Span operation.</summary>
    public const string SpanOperation = "LogFluxSpanOperation";
    /// <summary>Span name.</summary>
    public const string SpanName = "LogFluxSpanName";
    /// <summary>Span trace id (32 hex).</summary>
    public const string SpanTraceId = "LogFluxSpanTraceId";
    /// <summary>Span id (16 hex).</summary>
    public const string SpanId = "LogFluxSpanId";
    /// <summary>Parent span id (16 hex), absent for a root span.</summary>
    public const string SpanParentId = "LogFluxSpanParentId";
    /// <summary>Span start time (<see cref="DateTimeOffset"/>).</summary>
    public const string SpanStart = "LogFluxSpanStart";
    /// <summary>Span duration in milliseconds (a number).</summary>
    public const string SpanDurationMs = "LogFluxSpanDurationMs";
    /// <summary>Span status: <c>ok</c> or <c>error</c>.</summary>
    public const string SpanStatus = "LogFluxSpanStatus";

    /// <summary>The kind value of metric helper events.</summary>
    public const string KindMetric = "metric";
    /// <summary>The kind value of event helper events.</summary>
    public const string KindEvent = "event";
    /// <summary>The kind value of audit helper events.</summary>
    public const string KindAudit = "audit";
    /// <summary>The kind value of span helper events.</summary>
    public const string KindSpan = "span";

    /// <summary>Message template of metric helper events.</summary>
    public const string MetricTemplate = "Metric {LogFluxMetricName} {LogFluxMetricKind} {LogFluxMetricValue}";
    /// <summary>Message template of event helper events.</summary>
    public const string EventTemplate = "Event {LogFluxEventName}";
    /// <summary>Message template of audit helper events.</summary>
    public const string AuditTemplate = "Audit {LogFluxAuditAction} by {LogFluxAuditActor} on {LogFluxAuditResource} {LogFluxAuditResourceId}: {LogFluxAuditOutcome}";
    /// <summary>Message template of span helper events.</summary>
    public const string SpanTemplate = "Span {LogFluxSpanOperation} {LogFluxSpanName} finished in {LogFluxSpanDurationMs} ms ({LogFluxSpanStatus})";
}
