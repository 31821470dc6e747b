namespace LogFlux.Sinks.Context;

/// <summary>
/// A cheap upper-ish guess of the memory a queued entry holds (its strings, counted as UTF-16), used for
/// the queue's byte bound. It walks the entry's fields without serialising anything.
/// </summary>
internal static class EntrySizeEstimate
{
    private const int EntryOverhead = 160;
    private const int PairOverhead = 48;

    public static int Of(LogFluxEntry entry)
    {
        long size = EntryOverhead + Text(entry.Source) + Map(entry.Attributes) + Map(entry.Meta);
        size += entry switch
        {
            LogEntry log => Text(log.Message) + Text(log.Logger) + Error(log.Error),
            MetricEntry metric => Text(metric.Name) + Text(metric.Unit),
            SpanEntry span => 96 + Text(span.Operation) + Text(span.Name),
            EventEntry e => Text(e.Name),
            AuditEntry audit => Text(audit.Action) + Text(audit.Actor) + Text(audit.ActorType) + Text(audit.Resource) + Text(audit.ResourceId) + Text(audit.Outcome),
            TelemetryEntry telemetry => Text(telemetry.DeviceId) + Readings(telemetry.Readings),
            _ => 0,
        };
        return (int)Math.Min(size, int.MaxValue);
    }

    private static long Text(string? value) => value is null ? 0 : 24 + 2L * value.Length;

    private static long Map(IReadOnlyDictionary<string, string>? map)
    {
        if (map is null) return 0;
        long size = 64;
        foreach (var pair in map) size += PairOverhead + Text(pair.Key) + Text(pair.Value);
        return size;
    }

    private static long Error(ErrorDetails? error)
    {
        if (error is null) return 0;
        long size = 128 + Text(error.Type) + Text(error.Message);
        foreach (var frame in error.StackTrace) size += 48 + Text(frame.Function) + Text(frame.File);
        foreach (var link in error.Chain) size += 32 + Text(link.Type) + Text(link.Message);
        foreach (var crumb in error.Breadcrumbs) size += 64 + Text(crumb.Category) + Text(crumb.Message) + Map(crumb.Data);
        return size;
    }

    private static long Readings(List<TelemetryReading> readings)
    {
        long size = 32;
        foreach (var reading in readings) size += 48 + Text(reading.Name) + Text(reading.Unit);
        return size;
    }
}
