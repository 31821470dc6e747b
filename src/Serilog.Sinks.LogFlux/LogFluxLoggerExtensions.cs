using LogFlux.Sinks.Adapters;
using Serilog.Events;
using Serilog.Sinks.LogFlux;
using P = LogFlux.Sinks.Records.FrameworkEntryProperties;

namespace Serilog;

/// <summary>
/// Metrics, events, audit entries and spans written through Serilog. Each helper writes an ordinary
/// Information event, so minimum levels, filters, enrichers and <c>LogContext</c> apply and other sinks
/// show a readable line (e.g. <c>Metric "orders.placed" "counter" 1</c>); the LogFlux sink turns it into
/// the matching LogFlux entry type. When the logger is not enabled for Information nothing is written.
/// </summary>
public static class LogFluxLoggerExtensions
{
    // Bound by the span template; the other marker properties are added to the event as they are.
    private static readonly HashSet<string> SpanTemplateProperties = [P.SpanOperation, P.SpanName, P.SpanDurationMs, P.SpanStatus];

    /// <summary>Writes a counter sample (a monotonically increasing count).</summary>
    /// <param name="logger">The logger.</param>
    /// <param name="name">Metric name, e.g. <c>http.requests.total</c>.</param>
    /// <param name="value">The increment. Default 1.</param>
    /// <param name="unit">Optional unit, e.g. <c>requests</c>.</param>
    /// <param name="attributes">Optional extra attributes (labels) of the sample.</param>
    public static void Counter(this ILogger logger, string name, double value = 1, string? unit = null, IEnumerable<KeyValuePair<string, object?>>? attributes = null)
        => Metric(logger, name, value, "counter", unit, attributes);

    /// <summary>Writes a gauge sample (a point-in-time value).</summary>
    /// <param name="logger">The logger.</param>
    /// <param name="name">Metric name, e.g. <c>queue.depth</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="unit">Optional unit.</param>
    /// <param name="attributes">Optional extra attributes (labels) of the sample.</param>
    public static void Gauge(this ILogger logger, string name, double value, string? unit = null, IEnumerable<KeyValuePair<string, object?>>? attributes = null)
        => Metric(logger, name, value, "gauge", unit, attributes);

    /// <summary>Writes one observation of a distribution (e.g. a request duration).</summary>
    /// <param name="logger">The logger.</param>
    /// <param name="name">Metric name, e.g. <c>http.request.duration</c>.</param>
    /// <param name="value">The observed value.</param>
    /// <param name="unit">Optional unit, e.g. <c>ms</c>.</param>
    /// <param name="attributes">Optional extra attributes (labels) of the observation.</param>
    public static void Distribution(this ILogger logger, string name, double value, string? unit = null, IEnumerable<KeyValuePair<string, object?>>? attributes = null)
        => Metric(logger, name, value, "distribution", unit, attributes);

    /// <summary>Writes a named business event (LogFlux entry type 4), e.g. <c>user.signup</c>.</summary>
    /// <param name="logger">The logger.</param>
    /// <param name="name">The event name.</param>
    /// <param name="attributes">Optional attributes of the event.</param>
    public static void Event(this ILogger logger, string name, IEnumerable<KeyValuePair<string, object?>>? attributes = null)
    {
        if (!Enabled(logger)) return;
        Write(logger, [new(P.Kind, P.KindEvent)], attributes, P.EventTemplate, name);
    }

    /// <summary>Writes an audit entry (LogFlux entry type 5, never sampled).</summary>
    /// <param name="logger">The logger.</param>
    /// <param name="action">What was done, e.g. <c>record.deleted</c>.</param>
    /// <param name="actor">Who did it.</param>
    /// <param name="resource">Kind of resource, e.g. <c>invoice</c>.</param>
    /// <param name="resourceId">Identifier of the resource.</param>
    /// <param name="outcome">The outcome. Default <c>success</c>.</param>
    /// <param name="attributes">Optional attributes of the entry.</param>
    public static void Audit(this ILogger logger, string action, string actor, string resource, string resourceId, string outcome = "success",
        IEnumerable<KeyValuePair<string, object?>>? attributes = null)
    {
        if (!Enabled(logger)) return;
        Write(logger, [new(P.Kind, P.KindAudit)], attributes, P.AuditTemplate, action, actor, resource, resourceId, outcome);
    }

    /// <summary>
    /// Starts a span: until it ends, <see cref="System.Diagnostics.Activity.Current"/> carries its trace and span
    /// id (so events logged inside it are correlated); ending or disposing it writes the span as an Information
    /// event, which the LogFlux sink sends as a trace span. A span under a current LogFlux span or activity
    /// continues that trace.
    /// </summary>
    /// <param name="logger">The logger the span event is written to.</param>
    /// <param name="operation">The operation, e.g. <c>db.query</c>.</param>
    /// <param name="name">The human description, e.g. <c>SELECT * FROM users</c>.</param>
    /// <param name="attributes">Optional initial attributes of the span.</param>
    /// <returns>The running span; dispose it (or call <see cref="FrameworkSpan.End"/>) to finish it.</returns>
    public static FrameworkSpan StartSpan(this ILogger logger, string operation, string name, IEnumerable<KeyValuePair<string, object?>>? attributes = null)
    {
        var target = logger ?? Log.Logger;
        return FrameworkSpan.Start(operation, name, (span, properties) => WriteSpan(target, span, properties), attributes);
    }

    private static void Metric(ILogger logger, string name, double value, string kind, string? unit, IEnumerable<KeyValuePair<string, object?>>? attributes)
    {
        if (!Enabled(logger)) return;
        var markers = new List<KeyValuePair<string, object?>>(2) { new(P.Kind, P.KindMetric) };
        if (!string.IsNullOrEmpty(unit)) markers.Add(new(P.MetricUnit, unit));
        Write(logger, markers, attributes, P.MetricTemplate, name, kind, value);
    }

    private static void WriteSpan(ILogger logger, FrameworkSpan span, IReadOnlyList<KeyValuePair<string, object?>> properties)
    {
        if (!Enabled(logger)) return;
        var markers = properties.Where(p => p.Key.StartsWith(P.Prefix, StringComparison.Ordinal) && !SpanTemplateProperties.Contains(p.Key)).ToList();
        var attributes = properties.Where(p => !p.Key.StartsWith(P.Prefix, StringComparison.Ordinal));
        Write(logger, markers, attributes, P.SpanTemplate, span.Operation, span.Name, Math.Round(span.DurationMs, 3), span.Status);
    }

    private static bool Enabled(ILogger? logger) => logger is not null && logger.IsEnabled(LogEventLevel.Information);

    private static void Write(ILogger logger, IReadOnlyList<KeyValuePair<string, object?>> markers, IEnumerable<KeyValuePair<string, object?>>? attributes,
        string template, params object?[] values)
    {
        try
        {
            logger.ForContext(new FixedPropertiesEnricher(markers, attributes)).Write(LogEventLevel.Information, template, values);
        }
        catch (Exception ex)
        {
            Debugging.SelfLog.WriteLine("LogFlux helper could not write its event: {0}", ex.GetType().Name + ": " + ex.Message);
        }
    }
}
