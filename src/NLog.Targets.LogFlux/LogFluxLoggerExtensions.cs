using System.Globalization;
using LogFlux.Sinks.Adapters;
using static LogFlux.Sinks.Records.FrameworkEntryProperties;

namespace NLog;

/// <summary>
/// LogFlux metrics, events, audit entries and spans written through NLog. Each call is an ordinary Info
/// event (so rules, filters and other targets apply, and they show a readable line); the LogFlux target
/// sends it as the matching LogFlux entry type. Extra <c>attributes</c> become event properties.
/// </summary>
public static class LogFluxLoggerExtensions
{
    /// <summary>Records a counter increment (LogFlux metric of kind <c>counter</c>).</summary>
    /// <param name="logger">The logger.</param>
    /// <param name="name">Metric name, e.g. <c>orders.placed</c>.</param>
    /// <param name="value">The increment. Default 1.</param>
    /// <param name="attributes">Optional attributes.</param>
    /// <param name="unit">Optional unit, e.g. <c>ms</c>.</param>
    public static void Counter(this ILogger logger, string name, double value = 1, IReadOnlyDictionary<string, object?>? attributes = null, string? unit = null)
        => Metric(logger, "counter", name, value, attributes, unit);

    /// <summary>Records a gauge value (LogFlux metric of kind <c>gauge</c>).</summary>
    /// <param name="logger">The logger.</param>
    /// <param name="name">Metric name.</param>
    /// <param name="value">The current value.</param>
    /// <param name="attributes">Optional attributes.</param>
    /// <param name="unit">Optional unit.</param>
    public static void Gauge(this ILogger logger, string name, double value, IReadOnlyDictionary<string, object?>? attributes = null, string? unit = null)
        => Metric(logger, "gauge", name, value, attributes, unit);

    /// <summary>Records one observation of a distribution (LogFlux metric of kind <c>distribution</c>).</summary>
    /// <param name="logger">The logger.</param>
    /// <param name="name">Metric name.</param>
    /// <param name="value">The observed value.</param>
    /// <param name="attributes">Optional attributes.</param>
    /// <param name="unit">Optional unit.</param>
    public static void Distribution(this ILogger logger, string name, double value, IReadOnlyDictionary<string, object?>? attributes = null, string? unit = null)
        => Metric(logger, "distribution", name, value, attributes, unit);

    /// <summary>Records a business event (LogFlux entry type <c>event</c>).</summary>
    /// <param name="logger">The logger.</param>
    /// <param name="name">Event name, e.g. <c>user.signup</c>.</param>
    /// <param name="attributes">Optional attributes.</param>
    public static void Event(this ILogger logger, string name, IReadOnlyDictionary<string, object?>? attributes = null)
    {
        if (!Enabled(logger)) return;
        var logEvent = Create(logger, $"Event {name}", attributes);
        logEvent.Properties[Kind] = KindEvent;
        logEvent.Properties[EventName] = name;
        Write(logger, logEvent);
    }

    /// <summary>Records an audit entry (LogFlux entry type <c>audit</c>; never sampled).</summary>
    /// <param name="logger">The logger.</param>
    /// <param name="action">What was done, e.g. <c>record.deleted</c>.</param>
    /// <param name="actor">Who did it, e.g. a user id.</param>
    /// <param name="resource">The kind of resource, e.g. <c>invoice</c>.</param>
    /// <param name="resourceId">The resource id.</param>
    /// <param name="outcome">The outcome. Default <c>success</c>.</param>
    /// <param name="attributes">Optional attributes.</param>
    public static void Audit(this ILogger logger, string action, string actor, string resource, string resourceId,
        string outcome = "success", IReadOnlyDictionary<string, object?>? attributes = null)
    {
        if (!Enabled(logger)) return;
        var logEvent = Create(logger, $"Audit {action} by {actor} on {resource} {resourceId}: {outcome}", attributes);
        logEvent.Properties[Kind] = KindAudit;
        logEvent.Properties[AuditAction] = action;
        logEvent.Properties[AuditActor] = actor;
        logEvent.Properties[AuditResource] = resource;
        logEvent.Properties[AuditResourceId] = resourceId;
        logEvent.Properties[AuditOutcome] = outcome;
        Write(logger, logEvent);
    }

    /// <summary>
    /// Starts a span that is current in the calling flow until it ends (<see cref="System.Diagnostics.Activity.Current"/>
    /// carries its ids, so logs inside it carry its trace and span id). It continues the current trace when there
    /// is one. Ending it (<c>Dispose</c>) writes one Info event that the LogFlux target sends as a trace span.
    /// </summary>
    /// <param name="logger">The logger that writes the span when it ends.</param>
    /// <param name="operation">The operation, e.g. <c>db.query</c>.</param>
    /// <param name="name">The human description, e.g. <c>SELECT * FROM users</c>.</param>
    /// <param name="attributes">Optional attributes.</param>
    /// <returns>The span; dispose it (or call <see cref="FrameworkSpan.End"/>) to end and send it.</returns>
    public static FrameworkSpan StartSpan(this ILogger logger, string operation, string name, IReadOnlyDictionary<string, object?>? attributes = null)
        => FrameworkSpan.Start(operation, name, (span, properties) => WriteSpan(logger, span, properties), attributes);

    private static void Metric(ILogger logger, string kind, string name, double value, IReadOnlyDictionary<string, object?>? attributes, string? unit)
    {
        if (!Enabled(logger)) return;
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var logEvent = Create(logger, unit is null ? $"Metric {name} {kind} {text}" : $"Metric {name} {kind} {text} {unit}", attributes);
        logEvent.Properties[Kind] = KindMetric;
        logEvent.Properties[MetricName] = name;
        logEvent.Properties[MetricKind] = kind;
        logEvent.Properties[MetricValue] = value;
        if (!string.IsNullOrEmpty(unit)) logEvent.Properties[MetricUnit] = unit;
        Write(logger, logEvent);
    }

    private static void WriteSpan(ILogger logger, FrameworkSpan span, IReadOnlyList<KeyValuePair<string, object?>> properties)
    {
        if (!Enabled(logger)) return;
        var logEvent = new LogEventInfo(LogLevel.Info, logger.Name, span.Message);
        foreach (var pair in properties) logEvent.Properties[pair.Key] = pair.Value;
        Write(logger, logEvent);
    }

    private static bool Enabled(ILogger? logger) => logger is not null && logger.IsInfoEnabled;

    private static LogEventInfo Create(ILogger logger, string message, IReadOnlyDictionary<string, object?>? attributes)
    {
        var logEvent = new LogEventInfo(LogLevel.Info, logger.Name, message);
        if (attributes is not null)
        {
            foreach (var pair in attributes)
            {
                if (!string.IsNullOrEmpty(pair.Key)) logEvent.Properties[pair.Key] = pair.Value;
            }
        }
        return logEvent;
    }

    private static void Write(ILogger logger, LogEventInfo logEvent)
    {
        try
        {
            logger.Log(typeof(LogFluxLoggerExtensions), logEvent);
        }
        catch (Exception ex)
        {
            Common.InternalLogger.Error(ex, "LogFlux helper: could not write an event");
        }
    }
}
