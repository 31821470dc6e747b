namespace LogFlux.Sinks.Transport;

/// <summary>
/// What the send pipeline needs from the network: a session key (discovery + handshake, or the
/// persisted key), a single-flight re-handshake, and one ingest POST. The real implementation is
/// <c>LogFluxTransport</c>; pipeline unit tests use their own implementation of this seam.
/// </summary>
internal interface IIngestTransport : IAsyncDisposable
{
    /// <summary>Returns the current key, performing discovery and the handshake when there is none.
    /// Throws <see cref="TransportException"/> when that fails (the caller backs off and retries).</summary>
    ValueTask<SessionKey> GetSessionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Called after a 401/403 for <paramref name="rejected"/>. Single flight: concurrent callers share one
    /// handshake; if another caller already replaced the key, returns the new key at once.
    /// Throws <see cref="TransportException"/> when the handshake fails.
    /// </summary>
    ValueTask<SessionKey> RenewSessionAsync(SessionKey rejected, CancellationToken cancellationToken);

    /// <summary>POSTs one multipart body to <c>{base}/v1/ingest</c>. Never throws for HTTP or network
    /// failures: they come back as an <see cref="IngestResult"/>. Honours the cancellation token.</summary>
    Task<IngestResult> SendAsync(SessionKey session, ReadOnlyMemory<byte> body, string boundary, CancellationToken cancellationToken);

    /// <summary>
    /// Counts <paramref name="count"/> encryptions (one per encrypted part) against <paramref name="session"/>'s
    /// nonce budget. Cheap (one interlocked add) except when a block of the budget is used up.
    /// </summary>
    void ReserveNonces(SessionKey session, int count) => session.Nonces.Add(count);

    /// <summary>Handshake and key facts for stats: read at any time from any thread.</summary>
    TransportState State { get; }
}

/// <summary>A snapshot of the transport's key state, for <c>LogFluxStats</c>.</summary>
/// <param name="HandshakeOk">True once a key is in use.</param>
/// <param name="Handshakes">Completed handshakes so far.</param>
/// <param name="KeySource"><c>handshake</c>, <c>persisted</c> or null.</param>
/// <param name="ServerKeyFingerprint"><c>SHA256:…</c> or null.</param>
/// <param name="LastError">Last discovery/handshake error text, or null.</param>
internal readonly record struct TransportState(bool HandshakeOk, long Handshakes, string? KeySource, string? ServerKeyFingerprint, string? LastError);

/// <summary>Outcome of one ingest POST.</summary>
/// <param name="StatusCode">HTTP status, or 0 for a network error/timeout.</param>
/// <param name="RetryAfter">Parsed Retry-After (429/503), if any.</param>
/// <param name="ErrorText">First 200 characters of the error body or the exception text (never the API key).</param>
/// <param name="RateLimit">Rate-limit headers of the response.</param>
/// <param name="NeverReachedServer">
/// For a network error: true when the request certainly did not reach the server (no connection, name not
/// resolved, TLS refused, transport closed). False means the response was lost: the server may have stored the
/// entries.
/// </param>
internal readonly record struct IngestResult(int StatusCode, TimeSpan? RetryAfter, string? ErrorText, RateLimitInfo RateLimit,
                                             bool NeverReachedServer = false)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;
    public bool IsNetworkError => StatusCode == 0;

    /// <summary>A network error after which the server may or may not have stored the request's entries.</summary>
    public bool ResponseLost => StatusCode == 0 && !NeverReachedServer;

    /// <summary>A network error before the request reached the server.</summary>
    public static IngestResult NotSent(string errorText) => new(0, null, errorText, default, NeverReachedServer: true);
}

/// <summary>Last seen <c>X-RateLimit-*</c> headers (null when absent).</summary>
internal readonly record struct RateLimitInfo(long? Limit, long? Remaining, long? Reset);

/// <summary>Discovery or handshake failure; the message never contains the API key.</summary>
internal sealed class TransportException : Exception
{
    public TransportException(string message, int? statusCode = null, Exception? inner = null, bool notLogFluxEndpoint = false) : base(message, inner)
    {
        StatusCode = statusCode;
        IsNotLogFluxEndpoint = notLogFluxEndpoint;
    }

    /// <summary>True when the answer shows the URL is not a LogFlux ingestor (an HTML page, 404/405/501 on the handshake).</summary>
    public bool IsNotLogFluxEndpoint { get; }

    /// <summary>HTTP status of the failing response, if any. 401/403 at init means the API key is bad.</summary>
    public int? StatusCode { get; }

    /// <summary>True when the server refused the API key itself (401/403 on handshake init).</summary>
    public bool IsAuthenticationFailure => StatusCode is 401 or 403;
}
