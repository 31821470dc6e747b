namespace LogFlux.Sinks.Testing.Protocol;

/// <summary>What decoding an ingest body produced: the entries, or the problems that refuse the whole request.</summary>
internal sealed class IngestDecodeResult(
    IReadOnlyList<ReceivedEntry> entries,
    IReadOnlyList<PartProblem> problems,
    int partCount,
    IReadOnlyList<string>? warnings = null)
{
    public IReadOnlyList<ReceivedEntry> Entries { get; } = entries;

    public IReadOnlyList<PartProblem> Problems { get; } = problems;

    public int PartCount { get; } = partCount;

    /// <summary>Tolerated deviations (only with an explicit leniency option), e.g. the JavaScript SDK's framing.</summary>
    public IReadOnlyList<string> Warnings { get; } = warnings ?? [];

    public bool Accepted => Problems.Count == 0;

    /// <summary>One readable reason naming every refused part (the first problem first).</summary>
    public string DescribeProblems()
    {
        string reasons = string.Join("; ", Problems.Select(p => p.Reason));
        return Problems.Count > 1 && PartCount > 0
            ? $"{reasons} ({Problems.Count} of {PartCount} parts refused; nothing from this request was stored)"
            : reasons;
    }
}
