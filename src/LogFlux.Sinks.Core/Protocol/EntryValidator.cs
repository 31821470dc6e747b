namespace LogFlux.Sinks.Protocol;

/// <summary>
/// Checks an entry before it is queued or encoded (docs/protocol.md#common-fields, docs/protocol.md#levels and docs/protocol.md#limits-and-truncation).
/// Invalid entries are dropped with reason <c>validation_error</c>.
/// </summary>
internal static class EntryValidator
{
    /// <summary>Largest accepted JSON text of one entry, in bytes (1 MiB).</summary>
    public const int MaxEntryJsonBytes = 1_048_576;

    /// <summary>Returns null when the entry can be sent, otherwise why not.</summary>
    public static string? Validate(LogFluxEntry entry)
    {
        if (entry is null) return "entry is null";
        if (entry.EntryType is < LogFluxEntryType.Log or > LogFluxEntryType.TelemetryManaged)
            return $"entry type {(int)entry.EntryType} is outside 1-7";
        if (!LogFluxLevels.IsValid(entry.Level)) return $"level {(int)entry.Level} is outside 1-8";

        return entry switch
        {
            LogEntry => null,
            MetricEntry metric => ValidateMetric(metric),
            SpanEntry span => ValidateSpan(span),
            EventEntry evt => string.IsNullOrWhiteSpace(evt.Name) ? "event name is empty" : null,
            AuditEntry audit => string.IsNullOrWhiteSpace(audit.Action) ? "audit action is empty" : null,
            TelemetryEntry telemetry => ValidateTelemetry(telemetry),
            _ => $"entry class {entry.GetType().Name} is not supported",
        };
    }

    private static string? ValidateMetric(MetricEntry metric)
    {
        if (string.IsNullOrWhiteSpace(metric.Name)) return "metric name is empty";
        if (!double.IsFinite(metric.Value)) return $"metric '{metric.Name}' value is {Describe(metric.Value)}; JSON has no NaN or infinity";
        if (metric.Kind is < MetricKind.Counter or > MetricKind.Distribution) return $"metric kind {(int)metric.Kind} is unknown";
        return null;
    }

    private static string? ValidateSpan(SpanEntry span)
    {
        if (!TraceHeader.IsValidTraceId(span.TraceId)) return "span trace_id must be 32 hex characters";
        if (!TraceHeader.IsValidSpanId(span.SpanId)) return "span span_id must be 16 hex characters";
        if (!string.IsNullOrEmpty(span.ParentSpanId) && !TraceHeader.IsValidSpanId(span.ParentSpanId))
            return "span parent_span_id must be 16 hex characters";
        return null;
    }

    private static string? ValidateTelemetry(TelemetryEntry telemetry)
    {
        if (string.IsNullOrWhiteSpace(telemetry.DeviceId)) return "telemetry device_id is empty";
        foreach (var reading in telemetry.Readings)
        {
            if (string.IsNullOrWhiteSpace(reading.Name)) return "telemetry reading name is empty";
            if (!double.IsFinite(reading.Value)) return $"telemetry reading '{reading.Name}' value is {Describe(reading.Value)}; JSON has no NaN or infinity";
        }
        return null;
    }

    private static string Describe(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "+Infinity" : "-Infinity";
}
