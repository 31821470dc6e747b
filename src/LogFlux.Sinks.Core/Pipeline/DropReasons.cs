namespace LogFlux.Sinks;

/// <summary>The reasons an accepted or offered entry can be dropped, as reported in <c>LogFluxStats.DropReasons</c>.</summary>
internal static class DropReasons
{
    /// <summary>The queue was full (by count or bytes) and the entry had the lowest priority.</summary>
    public const string QueueOverflow = "queue_overflow";
    /// <summary>Retries were exhausted after transport errors or timeouts.</summary>
    public const string NetworkError = "network_error";
    /// <summary>The server rejected the batch (4xx other than 401/403/413/429/507, or retries exhausted on 5xx).</summary>
    public const string SendError = "send_error";
    /// <summary>The client stayed rate limited past its deadline (only at close).</summary>
    public const string RateLimitBackoff = "ratelimit_backoff";
    /// <summary>The pricing category is blocked after a 507.</summary>
    public const string QuotaExceeded = "quota_exceeded";
    /// <summary>A before-send hook returned null or threw.</summary>
    public const string BeforeSend = "before_send";
    /// <summary>The entry was invalid (NaN metric, too large after truncation, bad level).</summary>
    public const string ValidationError = "validation_error";
    /// <summary>The entry arrived after the client was closed, or was still queued when the shutdown deadline passed.</summary>
    public const string Closed = "closed";
    /// <summary>An adapter had no client to send to (no API key and no <c>LogFluxSdk.Init</c>).</summary>
    public const string NoClient = "no_client";
    /// <summary>A record of the durable buffer (<c>LogFluxOptions.BufferPath</c>) was torn or failed its integrity check and was skipped.</summary>
    public const string BufferCorrupt = "buffer_corrupt";
}
