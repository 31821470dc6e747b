using System.Globalization;
using static LogFlux.Sinks.Adapters.FrameworkEntryProperties;

namespace LogFlux.Sinks.Adapters;

/// <summary>
/// Turns a log entry that an adapter built from a framework event into the entry type that a helper method
/// asked for (see <see cref="FrameworkEntryProperties"/>). Events without the marker stay log entries.
/// </summary>
public static class FrameworkEntryConverter
{
    /// <summary>
    /// Returns the metric, event, audit or span entry described by the marker attributes of
    /// <paramref name="entry"/> (the marker attributes are removed, the others are kept), or
    /// <paramref name="entry"/> itself when it carries no marker or an incomplete one.
    /// </summary>
    /// <param name="entry">A log entry whose attributes hold the framework event's properties as strings.</param>
    /// <returns>The converted entry.</returns>
    public static LogFluxEntry Convert(LogEntry entry)
    {
        var a = entry.Attributes;
        if (a is null || !a.TryGetValue(Kind, out var kind)) return entry;
        LogFluxEntry? converted = kind switch
        {
            KindMetric => ToMetric(a, entry.Timestamp),
            KindEvent => a.TryGetValue(EventName, out var name) ? new EventEntry(name, entry.Timestamp) : null,
            KindAudit => ToAudit(a, entry.Timestamp),
            KindSpan => ToSpan(a, entry.Timestamp),
            _ => null,
        };
        if (converted is null) return entry;

        var rest = new Dictionary<string, string>(a.Count, StringComparer.Ordinal);
        foreach (var pair in a)
        {
            if (!pair.Key.StartsWith("LogFlux", StringComparison.Ordinal)) rest[pair.Key] = pair.Value;
        }
        converted.Attributes = rest.Count > 0 ? rest : null;
        converted.Source = entry.Source;
        converted.Meta = entry.Meta;
        return converted;
    }

    private static MetricEntry? ToMetric(Dictionary<string, string> a, DateTimeOffset timestamp)
    {
        if (!a.TryGetValue(MetricName, out var name) || !a.TryGetValue(MetricValue, out var text)) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return null;
        var kind = a.TryGetValue(FrameworkEntryProperties.MetricKind, out var k) ? k : "gauge";
        var metric = new MetricEntry(name, value, kind switch
        {
            "counter" => Sinks.MetricKind.Counter,
            "distribution" => Sinks.MetricKind.Distribution,
            _ => Sinks.MetricKind.Gauge,
        }, timestamp);
        if (a.TryGetValue(MetricUnit, out var unit) && unit.Length > 0) metric.Unit = unit;
        return metric;
    }

    private static AuditEntry? ToAudit(Dictionary<string, string> a, DateTimeOffset timestamp)
    {
        if (!a.TryGetValue(AuditAction, out var action)) return null;
        var audit = new AuditEntry(action, a.GetValueOrDefault(AuditActor, ""), a.GetValueOrDefault(AuditResource, ""), a.GetValueOrDefault(AuditResourceId, ""), timestamp);
        if (a.TryGetValue(AuditOutcome, out var outcome) && outcome.Length > 0) audit.Outcome = outcome;
        return audit;
    }

    private static SpanEntry? ToSpan(Dictionary<string, string> a, DateTimeOffset timestamp)
    {
        if (!a.TryGetValue(SpanTraceId, out var traceId) || !a.TryGetValue(SpanId, out var spanId)) return null;
        var start = a.TryGetValue(SpanStart, out var s) && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : timestamp;
        var end = timestamp;
        if (a.TryGetValue(SpanDurationMs, out var d) && double.TryParse(d, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            end = start.AddMilliseconds(ms);
        }
        var span = new SpanEntry(traceId, spanId, a.GetValueOrDefault(SpanOperation, "span"), a.GetValueOrDefault(SpanName, ""), start, end);
        if (a.TryGetValue(SpanParentId, out var parent) && parent.Length > 0) span.ParentSpanId = parent;
        if (a.TryGetValue(SpanStatus, out var status) && status.Length > 0) span.Status = status;
        return span;
    }
}
