namespace LogFlux.Sinks;

/// <summary>A finished span (entry type 3, level 7).</summary>
public sealed class SpanEntry : LogFluxEntry
{
    /// <summary>Creates a span entry.</summary>
    /// <param name="traceId">32 lowercase hex characters.</param>
    /// <param name="spanId">16 lowercase hex characters.</param>
    /// <param name="operation">Operation, e.g. <c>http.server</c>.</param>
    /// <param name="name">Human description, e.g. <c>GET /api/users</c>.</param>
    /// <param name="startTime">Start time.</param>
    /// <param name="endTime">End time (also the entry timestamp).</param>
    public SpanEntry(string traceId, string spanId, string operation, string name, DateTimeOffset startTime, DateTimeOffset endTime)
        : base(LogFluxEntryType.Trace, LogFluxLevel.Info, endTime)
    {
        TraceId = traceId;
        SpanId = spanId;
        Operation = operation;
        Name = name;
        StartTime = startTime;
        EndTime = endTime;
    }

    /// <summary>32 lowercase hex characters.</summary>
    public string TraceId { get; set; }

    /// <summary>16 lowercase hex characters.</summary>
    public string SpanId { get; set; }

    /// <summary>Parent span id for child spans; null for a root span.</summary>
    public string? ParentSpanId { get; set; }

    /// <summary>Operation, e.g. <c>db.query</c>.</summary>
    public string Operation { get; set; }

    /// <summary>Human description.</summary>
    public string Name { get; set; }

    /// <summary>Start time.</summary>
    public DateTimeOffset StartTime { get; set; }

    /// <summary>End time.</summary>
    public DateTimeOffset EndTime { get; set; }

    /// <summary><c>ok</c> (default) or <c>error</c>.</summary>
    public string Status { get; set; } = "ok";
}
