namespace LogFlux.Sinks.Testing.Hosting;

/// <summary>The answer an endpoint produced (not yet written), and what it means for the request record.</summary>
internal sealed class EndpointOutcome
{
    public required int StatusCode { get; init; }

    public required byte[] Body { get; init; }

    public string ContentType { get; init; } = "application/json";

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Null when the request was accepted.</summary>
    public string? RejectionReason { get; init; }

    public IReadOnlyList<string> PartErrors { get; init; } = [];

    public int PartCount { get; init; }

    public IReadOnlyList<ReceivedEntry> Entries { get; init; } = [];

    /// <summary>Deviations that were tolerated because a leniency option is on.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public EndpointOutcome WithWarnings(IReadOnlyList<string> warnings) => new()
    {
        StatusCode = StatusCode,
        Body = Body,
        ContentType = ContentType,
        Headers = Headers,
        RejectionReason = RejectionReason,
        PartErrors = PartErrors,
        PartCount = PartCount,
        Entries = Entries,
        Warnings = warnings,
    };
}
