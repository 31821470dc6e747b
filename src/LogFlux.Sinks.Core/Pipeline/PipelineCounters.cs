using LogFlux.Sinks.Transport;

namespace LogFlux.Sinks.Pipeline;

/// <summary>The request-level figures of one pipeline (entry outcomes are in <see cref="DeliveryLedger"/>).</summary>
internal sealed class PipelineCounters
{
    private long _sampledOut;
    private long _retries;
    private long _requests;
    private long _resentAfterAmbiguousFailure;
    private SendFailure? _lastFailure;
    private RateLimitInfo _rateLimit;
    private readonly object _rateLimitLock = new();

    public long SampledOut => Interlocked.Read(ref _sampledOut);
    public long Retries => Interlocked.Read(ref _retries);
    public long Requests => Interlocked.Read(ref _requests);
    public long ResentAfterAmbiguousFailure => Interlocked.Read(ref _resentAfterAmbiguousFailure);
    public SendFailure? LastFailure => Volatile.Read(ref _lastFailure);

    public RateLimitInfo RateLimit
    {
        get { lock (_rateLimitLock) return _rateLimit; }
    }

    public void AddSampledOut(int entries) => Interlocked.Add(ref _sampledOut, entries);
    public void AddRetry() => Interlocked.Increment(ref _retries);
    public void AddRequest() => Interlocked.Increment(ref _requests);
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
