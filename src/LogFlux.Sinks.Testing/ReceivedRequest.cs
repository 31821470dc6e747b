namespace LogFlux.Sinks.Testing;

/// <summary>One HTTP request the receiver saw, with the outcome it produced.</summary>
public sealed class ReceivedRequest
{
    internal ReceivedRequest(
        int number,
        string method,
        string path,
        int statusCode,
        string? rejectionReason,
        IReadOnlyList<string> partErrors,
        int partCount,
        int acceptedEntryCount,
        long bodyLength,
        IReadOnlyDictionary<string, string> headers,
        string? fault,
        bool connectionAborted,
        DateTimeOffset receivedAt,
        IReadOnlyList<string>? warnings = null)
    {
        Warnings = warnings ?? [];
        Number = number;
        Method = method;
        Path = path;
        StatusCode = statusCode;
        RejectionReason = rejectionReason;
        PartErrors = partErrors;
        PartCount = partCount;
        AcceptedEntryCount = acceptedEntryCount;
        BodyLength = bodyLength;
        Headers = headers;
        Fault = fault;
        ConnectionAborted = connectionAborted;
        ReceivedAt = receivedAt;
    }

    /// <summary>Sequence number of the request on this server (1-based, never reset by <see cref="LogFluxTestServer.Clear"/>).</summary>
    public int Number { get; }

    /// <summary>HTTP method.</summary>
    public string Method { get; }

    /// <summary>Request path, e.g. <c>/v1/ingest</c>.</summary>
    public string Path { get; }

    /// <summary>
    /// The status the server produced. For <see cref="Testing.Fault.Abort"/> it is the status processing produced
    /// although it was never sent; 0 when no status was decided (aborted or held requests).
    /// </summary>
    public int StatusCode { get; }

    /// <summary>Why the request was refused (every refused part, the first problem first), or null when it was accepted.</summary>
    public string? RejectionReason { get; }

    /// <summary>Every per-part problem found in an ingest request, each starting with <c>part N:</c>.</summary>
    public IReadOnlyList<string> PartErrors { get; }

    /// <summary>Number of MIME parts in an ingest body (0 when not multipart or not parsable).</summary>
    public int PartCount { get; }

    /// <summary>Number of entries this request added to <see cref="LogFluxTestServer.Entries"/>.</summary>
    public int AcceptedEntryCount { get; }

    /// <summary>Request body length in bytes (as far as it was read).</summary>
    public long BodyLength { get; }

    /// <summary>Request headers (names as sent). The Authorization value is replaced by <c>[redacted]</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The injected fault that handled this request, or null.</summary>
    public string? Fault { get; }

    /// <summary>Whether the connection was aborted instead of answered.</summary>
    public bool ConnectionAborted { get; }

    /// <summary>When the request arrived.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>Deviations tolerated only because a leniency option is on (e.g. the JavaScript SDK's multipart framing).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Whether the request was accepted with a 2xx status.</summary>
    public bool Succeeded => StatusCode is >= 200 and < 300;

    /// <summary>A readable summary line.</summary>
    public override string ToString()
    {
        string outcome = ConnectionAborted ? "aborted" : StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string text = $"#{Number} {Method} {Path} -> {outcome}";
        if (PartCount > 0)
        {
            text += $" ({PartCount} part(s))";
        }

        if (Fault is not null)
        {
            text += $" [fault {Fault}]";
        }

        if (Warnings.Count > 0)
        {
            text += " [warning: " + string.Join("; ", Warnings) + "]";
        }

        return RejectionReason is null ? text : $"{text}: {RejectionReason}";
    }
}
