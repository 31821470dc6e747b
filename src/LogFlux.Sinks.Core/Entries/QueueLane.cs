namespace LogFlux.Sinks;

/// <summary>Priority lanes of the send queue; a lower value is sent first and evicted last.</summary>
internal enum QueueLane
{
    /// <summary>Audit entries and anything at error level or worse (level 1–4, including error captures).</summary>
    High = 0,

    /// <summary>Warning and notice logs, and every non-log type (metrics, spans, events, telemetry).</summary>
    Normal = 1,

    /// <summary>Info and debug logs.</summary>
    Low = 2,
}

/// <summary>Assigns an entry to its <see cref="QueueLane"/>.</summary>
internal static class QueueLanes
{
    public const int Count = 3;

    public static QueueLane Of(LogFluxEntryType type, LogFluxLevel level)
    {
        if (type == LogFluxEntryType.Audit || level <= LogFluxLevel.Error) return QueueLane.High;
        if (type != LogFluxEntryType.Log || level <= LogFluxLevel.Notice) return QueueLane.Normal;
        return QueueLane.Low;
    }
}
