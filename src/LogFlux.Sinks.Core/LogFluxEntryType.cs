namespace LogFlux.Sinks;

/// <summary>
/// The wire entry types of the LogFlux ingest protocol (the <c>X-LF-Entry-Type</c> part header).
/// </summary>
public enum LogFluxEntryType
{
    /// <summary>A log line or an error capture (1).</summary>
    Log = 1,
    /// <summary>A metric sample (2).</summary>
    Metric = 2,
    /// <summary>A finished trace span (3).</summary>
    Trace = 3,
    /// <summary>A named business event (4).</summary>
    Event = 4,
    /// <summary>An audit record, never sampled (5).</summary>
    Audit = 5,
    /// <summary>Device telemetry, end-to-end encrypted (6).</summary>
    Telemetry = 6,
    /// <summary>Device telemetry sent gzip-only so the service can read it (7).</summary>
    TelemetryManaged = 7,
}
