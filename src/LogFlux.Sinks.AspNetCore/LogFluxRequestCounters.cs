namespace LogFlux.Sinks.AspNetCore;

/// <summary>
/// Counters of the request middleware, a singleton in the service provider
/// (<c>app.Services.GetRequiredService&lt;LogFluxRequestCounters&gt;()</c>). Thread-safe.
/// </summary>
public sealed class LogFluxRequestCounters
{
    private long _traced;
    private long _malformedTraceHeaders;
    private long _excluded;
    private long _withoutClient;
    private long _capturedErrors;

    /// <summary>Requests that got an <c>http.server</c> span (sampled in or not).</summary>
    public long TracedRequests => Interlocked.Read(ref _traced);

    /// <summary>Requests whose <c>X-LogFlux-Trace</c> or <c>traceparent</c> header was present but malformed; each started a new trace.</summary>
    public long MalformedTraceHeaders => Interlocked.Read(ref _malformedTraceHeaders);

    /// <summary>Requests skipped because their path is in <see cref="LogFluxAspNetCoreOptions.ExcludedPaths"/>.</summary>
    public long ExcludedRequests => Interlocked.Read(ref _excluded);

    /// <summary>Requests passed through untraced because no LogFlux client was available.</summary>
    public long RequestsWithoutClient => Interlocked.Read(ref _withoutClient);

    /// <summary>Unhandled exceptions sent as error captures.</summary>
    public long CapturedErrors => Interlocked.Read(ref _capturedErrors);

    internal void CountTraced() => Interlocked.Increment(ref _traced);

    internal void CountMalformedTraceHeader() => Interlocked.Increment(ref _malformedTraceHeaders);

    internal void CountExcluded() => Interlocked.Increment(ref _excluded);

    internal void CountWithoutClient() => Interlocked.Increment(ref _withoutClient);

    internal void CountCapturedError() => Interlocked.Increment(ref _capturedErrors);
}
