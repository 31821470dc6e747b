using log4net.Appender.LogFlux.Helpers;
using log4net.Core;
using LogFlux.Sinks.Adapters;
using static LogFlux.Sinks.Records.FrameworkEntryProperties;

namespace log4net;

/// <summary>
/// Metrics, events, audit entries and spans through log4net. Each call writes an ordinary log4net event
/// (INFO; NOTICE for audit entries) with a readable message, so every appender can show it; the LogFlux
/// appender turns it into the matching LogFlux entry. Filters, levels and contexts apply as for any event.
/// No method throws.
/// </summary>
public static class LogFluxLogExtensions
{
    /// <summary>Records a counter increment.</summary>
    /// <param name="log">The logger.</param>
    /// <param name="name">Metric name, e.g. <c>http.requests.total</c>.</param>
    /// <param name="value">The increment. Default 1.</param>
    /// <param name="unit">Optional unit.</param>
    /// <param name="attributes">Optional attributes (also visible as event properties).</param>
    public static void Counter(this ILog log, string name, double value = 1, string? unit = null,
        IEnumerable<KeyValuePair<string, object?>>? attributes = null)
        => Metric(log, name, value, "counter", unit, attributes);

    /// <summary>Records a gauge value.</summary>
    /// <param name="log">The logger.</param>
    /// <param name="name">Metric name, e.g. <c>queue.depth</c>.</param>
    /// <param name="value">The current value.</param>
    /// <param name="unit">Optional unit.</param>
    /// <param name="attributes">Optional attributes (also visible as event properties).</param>
    public static void Gauge(this ILog log, string name, double value, string? unit = null,
        IEnumerable<KeyValuePair<string, object?>>? attributes = null)
        => Metric(log, name, value, "gauge", unit, attributes);

    /// <summary>Records one observation of a distribution (e.g. a latency).</summary>
    /// <param name="log">The logger.</param>
    /// <param name="name">Metric name, e.g. <c>http.duration</c>.</param>
    /// <param name="value">The observed value.</param>
    /// <param name="unit">Optional unit, e.g. <c>ms</c>.</param>
    /// <param name="attributes">Optional attributes (also visible as event properties).</param>
    public static void Distribution(this ILog log, string name, double value, string? unit = null,
        IEnumerable<KeyValuePair<string, object?>>? attributes = null)
        => Metric(log, name, value, "distribution", unit, attributes);

    /// <summary>Records a named event.</summary>
    /// <param name="log">The logger.</param>
    /// <param name="name">Event name, e.g. <c>user.signup</c>.</param>
    /// <param name="attributes">Optional attributes (also visible as event properties).</param>
    public static void Event(this ILog log, string name, IEnumerable<KeyValuePair<string, object?>>? attributes = null)
    {
        name ??= string.Empty;
        HelperEventWriter.Write(log, Level.Info, $"Event {name}",
            [new(Kind, KindEvent), new(EventName, name)], attributes);
    }

    /// <summary>Records an audit entry (written at NOTICE).</summary>
    /// <param name="log">The logger.</param>
    /// <param name="action">What was done, e.g. <c>record.deleted</c>.</param>
    /// <param name="actor">Who did it.</param>
    /// <param name="resource">Kind of resource.</param>
    /// <param name="resourceId">Identifier of the resource.</param>
    /// <param name="outcome">Outcome. Default <c>success</c>.</param>
    /// <param name="attributes">Optional attributes (also visible as event properties).</param>
    public static void Audit(this ILog log, string action, string actor, string resource, string resourceId,
        string outcome = "success", IEnumerable<KeyValuePair<string, object?>>? attributes = null)
    {
        action ??= string.Empty;
        actor ??= string.Empty;
        resource ??= string.Empty;
        resourceId ??= string.Empty;
        outcome = string.IsNullOrEmpty(outcome) ? "success" : outcome;
        HelperEventWriter.Write(log, Level.Notice, $"Audit {action} by {actor} on {resource} {resourceId}: {outcome}",
            [
                new(Kind, KindAudit), new(AuditAction, action), new(AuditActor, actor),
                new(AuditResource, resource), new(AuditResourceId, resourceId), new(AuditOutcome, outcome),
            ], attributes);
    }

    /// <summary>
    /// Starts a span. While it is open, <see cref="System.Diagnostics.Activity.Current"/> carries its ids, so events
    /// logged in the same flow carry its trace and span ids; disposing it writes one INFO event that the LogFlux
    /// appender sends as a trace span.
    /// </summary>
    /// <param name="log">The logger the span is written to when it ends.</param>
    /// <param name="operation">Operation, e.g. <c>db.query</c>.</param>
    /// <param name="name">Human description, e.g. <c>SELECT * FROM users</c>.</param>
    /// <param name="attributes">Optional attributes (also visible as event properties).</param>
    /// <returns>The span; dispose it (or call <see cref="FrameworkSpan.End"/>) to finish it.</returns>
    public static FrameworkSpan StartSpan(this ILog log, string operation, string name,
        IEnumerable<KeyValuePair<string, object?>>? attributes = null)
        => FrameworkSpan.Start(operation, name, (span, properties) => HelperEventWriter.Write(log, Level.Info, span.Message, [], properties), attributes);

    private static void Metric(ILog log, string name, double value, string kind, string? unit,
        IEnumerable<KeyValuePair<string, object?>>? attributes)
    {
        name ??= string.Empty;
        var number = global::LogFlux.Sinks.AttributeValueFormatter.Format(value);
        var text = string.IsNullOrEmpty(unit) ? $"Metric {name} {kind} {number}" : $"Metric {name} {kind} {number} {unit}";
        HelperEventWriter.Write(log, Level.Info, text,
            [
                new(Kind, KindMetric), new(MetricName, name), new(MetricKind, kind),
                new(MetricValue, value), new(MetricUnit, unit ?? string.Empty),
            ], attributes);
    }
}
