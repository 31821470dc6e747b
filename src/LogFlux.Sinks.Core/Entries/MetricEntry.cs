namespace LogFlux.Sinks;

/// <summary>The kind of a metric sample.</summary>
public enum MetricKind
{
    /// <summary>A monotonically increasing count (<c>counter</c>).</summary>
    Counter,
    /// <summary>A point-in-time value (<c>gauge</c>).</summary>
    Gauge,
    /// <summary>One observation of a distribution (<c>distribution</c>).</summary>
    Distribution,
}

/// <summary>A metric sample (entry type 2, level 7).</summary>
public sealed class MetricEntry : LogFluxEntry
{
    /// <summary>Creates a metric sample.</summary>
    /// <param name="name">Metric name, e.g. <c>http.requests.total</c>.</param>
    /// <param name="value">The value; NaN and infinities are rejected when queued.</param>
    /// <param name="kind">Counter, gauge or distribution.</param>
    /// <param name="timestamp">When it was observed.</param>
    public MetricEntry(string name, double value, MetricKind kind, DateTimeOffset timestamp)
        : base(LogFluxEntryType.Metric, LogFluxLevel.Info, timestamp)
    {
        Name = name;
        Value = value;
        Kind = kind;
    }

    /// <summary>Metric name.</summary>
    public string Name { get; set; }

    /// <summary>The value.</summary>
    public double Value { get; set; }

    /// <summary>Counter, gauge or distribution.</summary>
    public MetricKind Kind { get; set; }

    /// <summary>Optional unit, e.g. <c>ms</c>.</summary>
    public string? Unit { get; set; }
}
