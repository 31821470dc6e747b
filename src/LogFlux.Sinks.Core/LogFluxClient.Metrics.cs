namespace LogFlux.Sinks;

public sealed partial class LogFluxClient
{
    /// <summary>Sends a counter sample (level 7).</summary>
    /// <param name="name">Metric name, e.g. <c>http.requests.total</c>.</param>
    /// <param name="value">The increment (default 1).</param>
    /// <param name="attributes">Optional attributes.</param>
    /// <param name="unit">Optional unit.</param>
    public void Counter(string name, double value = 1, IReadOnlyDictionary<string, string>? attributes = null, string? unit = null)
        => Metric(name, value, MetricKind.Counter, attributes, unit);

    /// <summary>Sends a gauge sample (level 7).</summary>
    /// <param name="name">Metric name.</param>
    /// <param name="value">The current value.</param>
    /// <param name="attributes">Optional attributes.</param>
    /// <param name="unit">Optional unit, e.g. <c>percent</c>.</param>
    public void Gauge(string name, double value, IReadOnlyDictionary<string, string>? attributes = null, string? unit = null)
        => Metric(name, value, MetricKind.Gauge, attributes, unit);

    /// <summary>Sends one observation of a distribution (level 7).</summary>
    /// <param name="name">Metric name.</param>
    /// <param name="value">The observed value.</param>
    /// <param name="attributes">Optional attributes.</param>
    /// <param name="unit">Optional unit, e.g. <c>ms</c>.</param>
    public void Distribution(string name, double value, IReadOnlyDictionary<string, string>? attributes = null, string? unit = null)
        => Metric(name, value, MetricKind.Distribution, attributes, unit);

    /// <summary>Sends a named event (level 7); it also becomes a breadcrumb carrying the attributes.</summary>
    /// <param name="name">Event name, e.g. <c>user.signup</c>.</param>
    /// <param name="attributes">Optional attributes.</param>
    public void Event(string name, IReadOnlyDictionary<string, string>? attributes = null)
        => Submit(NewEvent(name, attributes), CurrentScope, _breadcrumbs, Origin.Call);

    /// <summary>Sends an audit record (level 6). Audit records are never sampled.</summary>
    /// <param name="action">What was done, e.g. <c>record.deleted</c>.</param>
    /// <param name="actor">Who did it.</param>
    /// <param name="resource">Kind of resource.</param>
    /// <param name="resourceId">Identifier of the resource.</param>
    /// <param name="attributes">Optional attributes.</param>
    /// <param name="outcome">Outcome, <c>success</c> by default.</param>
    public void Audit(string action, string actor, string resource, string resourceId,
        IReadOnlyDictionary<string, string>? attributes = null, string outcome = "success")
    {
        var entry = new AuditEntry(action ?? string.Empty, actor ?? string.Empty, resource ?? string.Empty, resourceId ?? string.Empty, TimeProvider.GetUtcNow())
        {
            Outcome = string.IsNullOrEmpty(outcome) ? "success" : outcome,
            Attributes = CopyOrNull(attributes),
        };
        Submit(entry, CurrentScope, _breadcrumbs, Origin.Call);
    }

    /// <summary>Sends device telemetry, end-to-end encrypted (entry type 6).</summary>
    /// <param name="deviceId">Device identifier.</param>
    /// <param name="readings">The readings.</param>
    /// <param name="attributes">Optional attributes.</param>
    public void Telemetry(string deviceId, IEnumerable<TelemetryReading> readings, IReadOnlyDictionary<string, string>? attributes = null)
        => SendTelemetry(deviceId, readings, attributes, managed: false);

    /// <summary>Sends managed device telemetry (entry type 7): gzip only, readable by the LogFlux service, protected by TLS.</summary>
    /// <param name="deviceId">Device identifier.</param>
    /// <param name="readings">The readings.</param>
    /// <param name="attributes">Optional attributes.</param>
    public void TelemetryManaged(string deviceId, IEnumerable<TelemetryReading> readings, IReadOnlyDictionary<string, string>? attributes = null)
        => SendTelemetry(deviceId, readings, attributes, managed: true);

    internal void SendEventFromScope(LogFluxScope scope, string name, IReadOnlyDictionary<string, string>? attributes)
        => Submit(NewEvent(name, attributes), scope, scope.Breadcrumbs, Origin.Call);

    private EventEntry NewEvent(string? name, IReadOnlyDictionary<string, string>? attributes)
        => new(name ?? string.Empty, TimeProvider.GetUtcNow()) { Attributes = CopyOrNull(attributes) };

    private void Metric(string? name, double value, MetricKind kind, IReadOnlyDictionary<string, string>? attributes, string? unit)
    {
        var entry = new MetricEntry(name ?? string.Empty, value, kind, TimeProvider.GetUtcNow())
        {
            Unit = string.IsNullOrEmpty(unit) ? null : unit,
            Attributes = CopyOrNull(attributes),
        };
        Submit(entry, CurrentScope, _breadcrumbs, Origin.Call);
    }

    private void SendTelemetry(string? deviceId, IEnumerable<TelemetryReading>? readings, IReadOnlyDictionary<string, string>? attributes, bool managed)
    {
        TelemetryEntry entry;
        try
        {
            entry = new TelemetryEntry(deviceId ?? string.Empty, readings ?? [], managed, TimeProvider.GetUtcNow())
            {
                Attributes = CopyOrNull(attributes),
            };
        }
        catch (Exception ex)
        {
            // Enumerating the caller's readings runs caller code.
            _pipeline.CountDrop(DropReasons.ValidationError);
            _diagnostics.Warn("Dropped a telemetry entry whose readings could not be read", ex);
            if (!_options.Failsafe) throw new InvalidOperationException("The telemetry readings could not be read.", ex);
            return;
        }
        Submit(entry, CurrentScope, _breadcrumbs, Origin.Call);
    }
}
