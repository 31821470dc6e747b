using System.Globalization;
using System.Text;

namespace LogFlux.Sinks;

/// <summary>
/// A point-in-time snapshot of a client's delivery figures. Counters are cumulative since the client was
/// created. Every accepted entry has exactly one outcome: sent (a 2xx), dropped for one reason, delivery unknown
/// (a response was lost and the retries that followed failed) or kept in the durable buffer for the next run; until
/// then it is queued or in flight. Once the client is idle (after a flush that returned true, or after close):
/// <see cref="EntriesQueued"/> + <see cref="BufferRecovered"/> = <see cref="EntriesSent"/> +
/// <see cref="EntriesDroppedAfterQueued"/> + <see cref="EntriesDeliveryUnknown"/> + <see cref="EntriesKeptInBuffer"/> +
/// <see cref="QueueDepth"/> + <see cref="InFlight"/>.
/// </summary>
public sealed class LogFluxStats
{
    internal LogFluxStats() { }

    /// <summary>Entries accepted into the queue.</summary>
    public long EntriesQueued { get; internal init; }

    /// <summary>Entries acknowledged by the server with a 2xx.</summary>
    public long EntriesSent { get; internal init; }

    /// <summary>Entries dropped for any reason, whether refused at the door or lost after being queued.</summary>
    public long EntriesDropped { get; internal init; }

    /// <summary>
    /// The part of <see cref="EntriesDropped"/> that had been accepted into the queue: evicted for a higher-priority
    /// entry, refused by the server, out of retries, unencodable, in a blocked quota category when their batch
    /// was formed, or still queued when the client closed. Entries refused at the door (full queue, closed client,
    /// blocked category, hooks, validation, sampling) never count here.
    /// </summary>
    public long EntriesDroppedAfterQueued { get; internal init; }

    /// <summary>
    /// Accepted entries whose batch gave up after a request's response was lost (connection reset, timeout, cancelled
    /// in flight at close) and the retries that followed failed: the server may or may not have stored them. Not
    /// counted in <see cref="EntriesSent"/> nor in <see cref="EntriesDropped"/>.
    /// </summary>
    public long EntriesDeliveryUnknown { get; internal init; }

    /// <summary>
    /// Entries whose batch was being sent when the client closed and that stay unacknowledged in the durable buffer;
    /// the next run that uses the buffer sends them (entries the buffer still holds unread count in <see cref="QueueDepth"/>).
    /// </summary>
    public long EntriesKeptInBuffer { get; internal init; }

    /// <summary>
    /// Dropped entries per reason; only reasons that occurred are listed. The reasons: <c>queue_overflow</c>,
    /// <c>network_error</c>, <c>send_error</c>, <c>ratelimit_backoff</c>, <c>quota_exceeded</c>, <c>before_send</c>,
    /// <c>validation_error</c>, <c>closed</c>, <c>no_client</c> and <c>buffer_corrupt</c>.
    /// </summary>
    public IReadOnlyDictionary<string, long> DropReasons { get; internal init; } = new Dictionary<string, long>();

    /// <summary>Entries not sent because of sampling (not counted as dropped).</summary>
    public long EntriesSampledOut { get; internal init; }

    /// <summary>Retries after server errors or network failures (rate-limit waits and re-handshakes are not retries).</summary>
    public long Retries { get; internal init; }

    /// <summary>Ingest requests made.</summary>
    public long Requests { get; internal init; }

    /// <summary>Request body bytes acknowledged by the server.</summary>
    public long BytesSent { get; internal init; }

    /// <summary>Entries sent again after a network failure in which the server may already have received them; the receiver may see these twice.</summary>
    public long EntriesResentAfterAmbiguousFailure { get; internal init; }

    /// <summary>Handshakes completed.</summary>
    public long Handshakes { get; internal init; }

    /// <summary>True once a session key is in use.</summary>
    public bool HandshakeOk { get; internal init; }

    /// <summary>Where the key in use came from: <c>handshake</c> or <c>persisted</c>; null before the first key.</summary>
    public string? KeySource { get; internal init; }

    /// <summary>Fingerprint (<c>SHA256:…</c>) of the server key in use, when known.</summary>
    public string? ServerKeyFingerprint { get; internal init; }

    /// <summary>The last discovery or handshake error, if any.</summary>
    public string? LastHandshakeError { get; internal init; }

    /// <summary>Entries waiting in the queue.</summary>
    public long QueueDepth { get; internal init; }

    /// <summary>Estimated bytes held by the queue.</summary>
    public long QueueBytes { get; internal init; }

    /// <summary>Queue capacity in entries.</summary>
    public long QueueCapacity { get; internal init; }

    /// <summary>Queue capacity in estimated bytes.</summary>
    public long QueueCapacityBytes { get; internal init; }

    /// <summary>Entries taken from the queue whose batch is being sent, retried or waiting for a retry.</summary>
    public long InFlight { get; internal init; }

    /// <summary>The most recent send failure (at most 200 characters), or null.</summary>
    public string? LastSendError { get; internal init; }

    /// <summary>When <see cref="LastSendError"/> happened.</summary>
    public DateTimeOffset? LastSendErrorTime { get; internal init; }

    /// <summary>When the server last acknowledged a batch.</summary>
    public DateTimeOffset? LastSendTime { get; internal init; }

    /// <summary>Last <c>X-RateLimit-Limit</c> seen.</summary>
    public long? RateLimitLimit { get; internal init; }

    /// <summary>Last <c>X-RateLimit-Remaining</c> seen.</summary>
    public long? RateLimitRemaining { get; internal init; }

    /// <summary>Last <c>X-RateLimit-Reset</c> seen (Unix seconds).</summary>
    public long? RateLimitReset { get; internal init; }

    /// <summary>End of the current rate-limit pause after a 429, or null when sending is not paused.</summary>
    public DateTimeOffset? RateLimitedUntil { get; internal init; }

    /// <summary>Pricing categories (<c>events</c>, <c>traces</c>, <c>audit</c>) blocked after a 507.</summary>
    public IReadOnlyList<string> QuotaBlockedCategories { get; internal init; } = Array.Empty<string>();

    /// <summary>True once the client is closed.</summary>
    public bool IsClosed { get; internal init; }

    /// <summary>True when entries go through the durable buffer (<see cref="LogFluxOptions.BufferPath"/> set and the directory usable).</summary>
    public bool BufferEnabled { get; internal init; }

    /// <summary>Bytes of the durable buffer's files (0 without a buffer).</summary>
    public long BufferBytes { get; internal init; }

    /// <summary>The durable buffer's byte bound (<see cref="LogFluxOptions.BufferMaxBytes"/>; 0 without a buffer).</summary>
    public long BufferCapacityBytes { get; internal init; }

    /// <summary>Entries in the durable buffer not yet acknowledged: waiting or being sent.</summary>
    public long BufferedEntries { get; internal init; }

    /// <summary>Unacknowledged entries found in the durable buffer when the client started (left by an earlier run).</summary>
    public long BufferRecovered { get; internal init; }

    /// <summary>
    /// Entries of an earlier run handed out again from the durable buffer. They count in <see cref="EntriesSent"/>
    /// when delivered, not in <see cref="EntriesQueued"/>, and the server may have seen some of them before.
    /// </summary>
    public long BufferReplayed { get; internal init; }

    /// <summary>A one-line summary for logs and debugging.</summary>
    /// <returns>The summary.</returns>
    public override string ToString()
    {
        var text = new StringBuilder(256);
        var c = CultureInfo.InvariantCulture;
        text.Append(c, $"queued={EntriesQueued} sent={EntriesSent} dropped={EntriesDropped}");
        if (DropReasons.Count > 0)
        {
            text.Append(" (");
            var first = true;
            foreach (var pair in DropReasons.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (!first) text.Append(", ");
                text.Append(c, $"{pair.Key}={pair.Value}");
                first = false;
            }
            text.Append(')');
        }
        if (EntriesDeliveryUnknown > 0) text.Append(c, $" delivery_unknown={EntriesDeliveryUnknown}");
        if (EntriesKeptInBuffer > 0) text.Append(c, $" kept_in_buffer={EntriesKeptInBuffer}");
        text.Append(c, $" sampled_out={EntriesSampledOut} queue={QueueDepth}/{QueueCapacity} ({QueueBytes}/{QueueCapacityBytes} B) in_flight={InFlight}");
        text.Append(c, $" requests={Requests} retries={Retries} bytes_sent={BytesSent} handshake_ok={(HandshakeOk ? "true" : "false")} handshakes={Handshakes}");
        if (KeySource is not null) text.Append(c, $" key_source={KeySource}");
        if (LastSendTime is { } sent) text.Append(c, $" last_send={sent:O}");
        if (LastSendError is not null) text.Append(c, $" last_error=\"{LastSendError}\" at {LastSendErrorTime:O}");
        if (RateLimitedUntil is { } until) text.Append(c, $" rate_limited_until={until:O}");
        if (QuotaBlockedCategories.Count > 0) text.Append(" quota_blocked=").Append(string.Join(",", QuotaBlockedCategories));
        if (EntriesResentAfterAmbiguousFailure > 0) text.Append(c, $" resent_after_ambiguous_failure={EntriesResentAfterAmbiguousFailure}");
        if (BufferEnabled) text.Append(c, $" buffer={BufferedEntries} entries ({BufferBytes}/{BufferCapacityBytes} B) recovered={BufferRecovered} replayed={BufferReplayed}");
        if (IsClosed) text.Append(" closed");
        return text.ToString();
    }
}
