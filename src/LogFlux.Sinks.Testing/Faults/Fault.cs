using LogFlux.Sinks.Testing.Faults;
using LogFlux.Sinks.Testing.Hosting;

namespace LogFlux.Sinks.Testing;

/// <summary>A scripted misbehaviour for one request. Create instances with the static factories.</summary>
public abstract class Fault
{
    private protected Fault(string description) => Description = description;

    /// <summary>A short name of the fault, e.g. <c>Status(503)</c>; also stored in <see cref="ReceivedRequest.Fault"/>.</summary>
    public string Description { get; }

    /// <summary>Replies with <paramref name="statusCode"/> without processing the request.</summary>
    /// <param name="statusCode">The HTTP status to send.</param>
    /// <param name="body">The body; null sends a LogFlux error envelope.</param>
    public static Fault Status(int statusCode, string? body = null) =>
        new ResponseFault($"Status({statusCode})", statusCode, body, "application/json", retryAfter: null);

    /// <summary>Replies 429 with <c>Retry-After</c> in whole seconds (rounded up); no header when <paramref name="retryAfter"/> is null.</summary>
    /// <param name="retryAfter">The wait to announce.</param>
    public static Fault TooManyRequests(TimeSpan? retryAfter) =>
        new ResponseFault("TooManyRequests", 429, body: null, "application/json", retryAfter);

    /// <summary>Replies 401 and forgets the key ids the request used, so the client has to handshake again.</summary>
    public static Fault Unauthorized() => new UnauthorizedFault();

    /// <summary>Waits <paramref name="delay"/>, then processes the request normally.</summary>
    /// <param name="delay">How long to hold the request first.</param>
    public static Fault Delay(TimeSpan delay) => new DelayFault(delay);

    /// <summary>
    /// Reads and processes the request normally (an ingest request's entries ARE accepted), then aborts the
    /// connection without a response: a lost response, which makes clients resend and so produces duplicates.
    /// </summary>
    public static Fault Abort() => new AbortAfterProcessingFault();

    /// <summary>Aborts the connection without reading or accepting anything.</summary>
    public static Fault AbortBeforeProcessing() => new AbortBeforeProcessingFault();

    /// <summary>Holds the request without answering until the client gives up or the server stops.</summary>
    public static Fault NeverRespond() => new NeverRespondFault();

    /// <summary>Replies with an arbitrary body (invalid JSON, missing fields...) without processing the request.</summary>
    /// <param name="statusCode">The HTTP status to send.</param>
    /// <param name="body">The body text (UTF-8).</param>
    /// <param name="contentType">The Content-Type of the body.</param>
    public static Fault Body(int statusCode, string body, string contentType = "application/json")
    {
        ArgumentNullException.ThrowIfNull(body);
        return new ResponseFault($"Body({statusCode})", statusCode, body, contentType, retryAfter: null);
    }

    /// <summary>Streams a body of <paramref name="bytes"/> bytes (chunked, no Content-Length) to test a client's read bound.</summary>
    /// <param name="statusCode">The HTTP status to send.</param>
    /// <param name="bytes">How many bytes to send.</param>
    public static Fault HugeBody(int statusCode, long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        return new HugeBodyFault(statusCode, bytes);
    }

    /// <summary>Sends a small JSON body in pieces spread over <paramref name="totalDuration"/>.</summary>
    /// <param name="statusCode">The HTTP status to send.</param>
    /// <param name="totalDuration">How long the body takes to arrive.</param>
    public static Fault SlowBody(int statusCode, TimeSpan totalDuration) => new SlowBodyFault(statusCode, totalDuration);

    /// <summary>Replies 507 (quota exceeded) without processing the request.</summary>
    public static Fault QuotaExceeded() => new ResponseFault("QuotaExceeded", 507, body: null, "application/json", retryAfter: null);

    /// <inheritdoc />
    public override string ToString() => Description;

    /// <summary>Handles the whole exchange: records it and answers (or does not).</summary>
    internal abstract Task HandleAsync(Exchange exchange);
}
