namespace LogFlux.Sinks;

/// <summary>One telemetry reading.</summary>
/// <param name="Name">Reading name, e.g. <c>cpu_temp</c>.</param>
/// <param name="Value">The value.</param>
/// <param name="Unit">Optional unit.</param>
public readonly record struct TelemetryReading(string Name, double Value, string? Unit = null);

/// <summary>
/// Device telemetry: entry type 6 (end-to-end encrypted) or, when <see cref="Managed"/> is true,
/// entry type 7 (gzip only, readable by the service).
/// </summary>
public sealed class TelemetryEntry : LogFluxEntry
{
    /// <summary>Creates a telemetry entry.</summary>
    /// <param name="deviceId">Device identifier.</param>
    /// <param name="readings">The readings (may be empty).</param>
    /// <param name="managed">True for managed (type 7) telemetry.</param>
    /// <param name="timestamp">When the readings were taken.</param>
    public TelemetryEntry(string deviceId, IEnumerable<TelemetryReading> readings, bool managed, DateTimeOffset timestamp)
        : base(managed ? LogFluxEntryType.TelemetryManaged : LogFluxEntryType.Telemetry, LogFluxLevel.Info, timestamp)
    {
        DeviceId = deviceId;
        Readings = new List<TelemetryReading>(readings);
    }

    /// <summary>Device identifier.</summary>
    public string DeviceId { get; set; }

    /// <summary>The readings.</summary>
    public List<TelemetryReading> Readings { get; }

    /// <summary>True for entry type 7 (not end-to-end encrypted).</summary>
    public bool Managed => EntryType == LogFluxEntryType.TelemetryManaged;
}
