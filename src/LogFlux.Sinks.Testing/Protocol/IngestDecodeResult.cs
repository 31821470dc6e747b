namespace LogFlux.Sinks.Testing.Protocol;

/// <summary>What decoding an ingest body produced: the entries, or the problems that refuse the whole request.</summary>
internal sealed class IngestDecodeResult(IReadOnlyList<ReceivedEntry> entries, IReadOnlyList<PartProblem> problems, int partCount)
{
    public IReadOnlyList<ReceivedEntry> Entries { get; } = entries;

    public IReadOnlyList<PartProblem> Problems { get; } = problems;

    public int PartCount { get; } = partCount;

    public bool Accepted => Problems.Count == 0;
}
