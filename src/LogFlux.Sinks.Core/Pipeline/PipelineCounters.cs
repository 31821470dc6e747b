using LogFlux.Sinks.Transport;

namespace LogFlux.Sinks.Pipeline;

/// <summary>The cumulative figures of one pipeline (everything in the stats that is not the queue or the transport).</summary>
internal sealed class PipelineCounters
{
    private long _sent;
    private long _droppedAfterQueued;
    private long _sampledOut;
    private long _retries;
    private long _requests;
    private long _bytesSent;
    private long _inFlight;
    private long _resentAfterAmbiguousFailure;
    private long _lastSendTicks;
    private SendFailure? _lastFailure;
    private RateLimitInfo _rateLimit;
    private readonly object _rateLimitLock = new();

    public long Sent => Interlocked.Read(ref _sent);
    public long DroppedAfterQueued => Interlocked.Read(ref _droppedAfterQueued);
    public long SampledOut => Interlocked.Read(ref _sampledOut);
    public long Retries => Interlocked.Read(ref _retries);
    public long Requests => Interlocked.Read(ref _requests);
    public long BytesSent => Interlocked.Read(ref _bytesSent);
    public long InFlight => Interlocked.Read(ref _inFlight);
    public long ResentAfterAmbiguousFailure => Interlocked.Read(ref _resentAfterAmbiguousFailure);
    public SendFailure? LastFailure => Volatile.Read(ref _lastFailure);

    public DateTimeOffset? LastSendTime
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastSendTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    public RateLimitInfo RateLimit
    {
        get { lock (_rateLimitLock) return _rateLimit; }
    }

    public void AddSent(int entries, long bytes, DateTimeOffset now)
    {
        Interlocked.Add(ref _sent, entries);
        Interlocked.Add(ref _bytesSent, bytes);
        Interlocked.Exchange(ref _lastSendTicks, now.UtcTicks);
    }

    public void AddDroppedAfterQueued(int entries) => Interlocked.Add(ref _droppedAfterQueued, entries);
    public void AddSampledOut(int entries) => Interlocked.Add(ref _sampledOut, entries);
    public void AddRetry() => Interlocked.Increment(ref _retries);
    public void AddRequest() => Interlocked.Increment(ref _requests);
    public void AddInFlight(int entries) => Interlocked.Add(ref _inFlight, entries);
    public void AddResentAfterAmbiguousFailure(int entries) => Interlocked.Add(ref _resentAfterAmbiguousFailure, entries);
    public void SetLastFailure(string text, DateTimeOffset time) => Volatile.Write(ref _lastFailure, new SendFailure(text, time));

    public void SetRateLimit(RateLimitInfo info)
    {
        if (info.Limit is null && info.Remaining is null && info.Reset is null) return;
        lock (_rateLimitLock) _rateLimit = info;
    }
}

/// <summary>The last send failure: text (at most 200 characters) and when it happened.</summary>
internal sealed record SendFailure(string Text, DateTimeOffset Time);
