namespace LogFlux.Sinks.Throughput.Measurement;

/// <summary>One child run of one peer in one mode (burst or paced).</summary>
internal sealed record RunResult
{
    public required string Peer { get; init; }
    public required string Mode { get; init; }
    public int Rep { get; init; }
    public long Events { get; init; }
    public long Delivered { get; init; }
    public double ProducerNsPerEvent { get; init; }
    public double CallerCpuNsPerEvent { get; init; }
    public double GcPauseNsPerEvent { get; init; }
    public double EventsPerSecond { get; init; }
    public double CpuNsPerEvent { get; init; }
    public double ReceiverCpuNsPerEvent { get; init; }
    public double AllocBytesPerEvent { get; init; }
    public double PeakWorkingSetMb { get; init; }
    public double WireBytesPerEvent { get; init; }
    public long Requests { get; init; }
    public int Gen0 { get; init; }
    public int Gen1 { get; init; }
    public int Gen2 { get; init; }
    public long CountedDrops { get; init; }
    public long VerifiedParts { get; init; }
    public long VerificationFailures { get; init; }
    public string? Error { get; init; }
}

/// <summary>One outage run: the receiver is down while the burst is logged, then comes back.</summary>
internal sealed record OutageResult
{
    public required string Peer { get; init; }
    public int Rep { get; init; }
    public long Events { get; init; }
    public double WorkingSetBeforeMb { get; init; }
    public double WorkingSetMaxMb { get; init; }
    public double ManagedHeapMaxMb { get; init; }
    public long QueueBytesMax { get; init; }
    public long QueueCapacityBytes { get; init; }
    public long Delivered { get; init; }
    public long CountedDrops { get; init; }
    public long Lost { get; init; }
    public double FirstDeliveryAfterRestoreSeconds { get; init; }
    public double LastDeliveryAfterRestoreSeconds { get; init; }
    public string? DropReasons { get; init; }
    public long VerifiedParts { get; init; }
    public long VerificationFailures { get; init; }
    public string? Error { get; init; }
}
