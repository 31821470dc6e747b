using P = LogFlux.Sinks.Records.FrameworkEntryProperties;

namespace LogFlux.Sinks.Records;

/// <summary>
/// Builds the metric, event, audit or span entry that a helper method asked for from the typed marker values of a
/// record (see <see cref="FrameworkEntryProperties"/>): numbers stay numbers, the span start a
/// <see cref="DateTimeOffset"/>, its duration a number of milliseconds or a <see cref="TimeSpan"/>.
/// </summary>
internal static class HelperEntryReader
{
    /// <summary>The entry without attributes, or null when the markers are incomplete (the record stays a log line).</summary>
    public static LogFluxEntry? Read(CapturedRecord record, string kind)
    {
        var reader = new Values(record);
        return kind switch
        {
            P.KindMetric => ToMetric(reader, record.Timestamp),
            P.KindEvent => reader.Text(P.EventName) is { } name ? new EventEntry(name, record.Timestamp) : null,
            P.KindAudit => ToAudit(reader, record.Timestamp),
            P.KindSpan => ToSpan(reader, record.Timestamp),
            _ => null,
        };
    }

    private static MetricEntry? ToMetric(Values a, DateTimeOffset timestamp)
    {
        if (a.Text(P.MetricName) is not { } name || a.Number(P.MetricValue) is not { } value) return null;
        var kind = a.Text(P.MetricKind) switch
        {
            "counter" => MetricKind.Counter,
            "distribution" => MetricKind.Distribution,
            _ => MetricKind.Gauge,
        };
        var metric = new MetricEntry(name, value, kind, timestamp);
        if (a.Text(P.MetricUnit) is { Length: > 0 } unit) metric.Unit = unit;
        return metric;
    }

    private static AuditEntry? ToAudit(Values a, DateTimeOffset timestamp)
    {
        if (a.Text(P.AuditAction) is not { } action) return null;
        var audit = new AuditEntry(action, a.Text(P.AuditActor) ?? "", a.Text(P.AuditResource) ?? "", a.Text(P.AuditResourceId) ?? "", timestamp);
        if (a.Text(P.AuditOutcome) is { Length: > 0 } outcome) audit.Outcome = outcome;
        return audit;
    }

    private static SpanEntry? ToSpan(Values a, DateTimeOffset timestamp)
    {
        if (a.Text(P.SpanTraceId) is not { } traceId || a.Text(P.SpanId) is not { } spanId) return null;
        var start = a.Time(P.SpanStart) ?? timestamp;
        var end = a.DurationMs(P.SpanDurationMs) is { } ms and >= 0 ? start.AddMilliseconds(ms) : timestamp;
        var span = new SpanEntry(traceId, spanId, a.Text(P.SpanOperation) ?? "span", a.Text(P.SpanName) ?? "", start, end);
        if (a.Text(P.SpanParentId) is { Length: > 0 } parent) span.ParentSpanId = parent;
        if (a.Text(P.SpanStatus) is { Length: > 0 } status) span.Status = status;
        return span;
    }

    private readonly struct Values
    {
        private readonly CapturedRecord _record;

        public Values(CapturedRecord record) => _record = record;

        public string? Text(string name) => Get(name) switch
        {
            null => null,
            string text => text,
            var other => AttributeValueFormatter.Format(other),
        };

        public double? Number(string name) => Get(name) switch
        {
            double d => d,
            float f => f,
            int i => i,
            long l => l,
            decimal m => (double)m,
            short s => s,
            uint u => u,
            ulong ul => ul,
            _ => null,
        };

        public DateTimeOffset? Time(string name) => Get(name) switch
        {
            DateTimeOffset time => time,
            DateTime time => new DateTimeOffset(time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime()),
            _ => null,
        };

        public double? DurationMs(string name) => Get(name) is TimeSpan duration ? duration.TotalMilliseconds : Number(name);

        private object? Get(string name) =>
            _record.Properties is { } properties && _record.Formatter.TryGetValue(properties, name, out var value) ? value : null;
    }
}
