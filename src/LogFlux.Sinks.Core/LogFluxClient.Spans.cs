using System.Diagnostics;
using LogFlux.Sinks.Context;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks;

public sealed partial class LogFluxClient
{
    private readonly AsyncLocal<LogFluxSpan?> _currentSpan = new();
    private long _malformedTraceHeaders;

    /// <summary>The <c>X-LogFlux-Trace</c> value for an outgoing request from the current flow, or null without a trace context.</summary>
    public static string? CurrentTraceHeader => LogFluxTraceContext.CurrentTraceHeader;

    /// <summary>This client's active span in the calling async flow, or null.</summary>
    public LogFluxSpan? CurrentSpan => _currentSpan.Value;

    /// <summary>Incoming trace headers that were present but malformed (each started a new trace).</summary>
    public long MalformedTraceHeaders => Interlocked.Read(ref _malformedTraceHeaders);

    /// <summary>
    /// Starts a span: a child of this client's current span if any, else of <see cref="Activity.Current"/>
    /// (same trace id, its span id as parent), else the root of a new trace with its own sampling decision.
    /// It is current in the calling flow until it ends.
    /// </summary>
    /// <param name="operation">The operation, e.g. <c>http.server</c> or <c>db.query</c>.</param>
    /// <param name="name">The human description, e.g. <c>GET /api/users</c>.</param>
    /// <param name="attributes">Optional attributes.</param>
    /// <returns>The span; dispose or <see cref="LogFluxSpan.End"/> it to send it.</returns>
    public LogFluxSpan StartSpan(string operation, string name, IReadOnlyDictionary<string, string>? attributes = null)
    {
        SpanParent parent;
        if (CurrentSpan is { IsEnded: false } current)
        {
            parent = new SpanParent(current.TraceId, current.SpanId, current.IsSampled, IsRemote: false);
        }
        else if (TraceIds.TryGetIds(Activity.Current, out var traceId, out var spanId))
        {
            parent = new SpanParent(traceId, spanId, Sampled: null, IsRemote: false);
        }
        else
        {
            parent = SpanParent.NewRoot;
        }
        return StartSpanSafe(operation, name, parent, attributes);
    }

    /// <summary>
    /// Starts a span that continues the trace of an incoming request: <c>X-LogFlux-Trace</c> first, else W3C
    /// <c>traceparent</c>. The incoming sampling flag is honoured. Without a header, or with a malformed
    /// one (counted in <see cref="MalformedTraceHeaders"/>), a new root trace starts. Never throws.
    /// </summary>
    /// <param name="getHeader">Returns a request header value by name, or null.</param>
    /// <param name="operation">The operation, e.g. <c>http.server</c>.</param>
    /// <param name="name">The human description, e.g. <c>GET /api/users</c>.</param>
    /// <returns>The span.</returns>
    public LogFluxSpan ContinueFromHeaders(Func<string, string?> getHeader, string operation, string name)
    {
        string? logflux = null, traceparent = null;
        try
        {
            logflux = getHeader?.Invoke(WireNames.TraceHeader);
            if (string.IsNullOrWhiteSpace(logflux)) traceparent = getHeader?.Invoke(WireNames.TraceParentHeader);
        }
        catch (Exception ex)
        {
            _diagnostics.Warn("Reading the incoming trace headers failed; starting a new trace", ex);
        }
        return StartSpanSafe(operation, name, IncomingParent(logflux, traceparent), attributes: null);
    }

    /// <summary>Same as <see cref="ContinueFromHeaders(Func{string, string?}, string, string)"/>, with header names matched case-insensitively.</summary>
    /// <param name="headers">The request headers.</param>
    /// <param name="operation">The operation.</param>
    /// <param name="name">The human description.</param>
    /// <returns>The span.</returns>
    public LogFluxSpan ContinueFromHeaders(IEnumerable<KeyValuePair<string, string>> headers, string operation, string name)
        => ContinueFromHeaders(headerName => FindHeader(headers, headerName), operation, name);

    internal void SetCurrentSpan(LogFluxSpan span) => _currentSpan.Value = span;

    internal void RestoreCurrentSpan(LogFluxSpan ending, LogFluxSpan? previous)
    {
        if (ReferenceEquals(_currentSpan.Value, ending)) _currentSpan.Value = previous;
    }

    internal void SendSpan(LogFluxSpan span, SpanEntry entry)
    {
        if (!span.IsSampled)
        {
            _pipeline.CountSampledOut();
            return;
        }
        Submit(entry, CurrentScope, _breadcrumbs, Origin.SampledSpan);
    }

    private SpanParent IncomingParent(string? logflux, string? traceparent)
    {
        if (!string.IsNullOrWhiteSpace(logflux))
        {
            if (TraceHeader.TryParse(logflux, out var incoming)) return FromIncoming(incoming);
            CountMalformed(WireNames.TraceHeader);
        }
        else if (!string.IsNullOrWhiteSpace(traceparent))
        {
            if (TraceHeader.TryParseTraceParent(traceparent, out var incoming)) return FromIncoming(incoming);
            CountMalformed(WireNames.TraceParentHeader);
        }
        return SpanParent.NewRoot;

        static SpanParent FromIncoming(IncomingTrace incoming) => new(incoming.TraceId, incoming.ParentSpanId, incoming.Sampled, IsRemote: true);
    }

    private void CountMalformed(string header)
    {
        Interlocked.Increment(ref _malformedTraceHeaders);
        _diagnostics.Debug($"Malformed {header} header; starting a new trace");
    }

    private LogFluxSpan StartSpanSafe(string? operation, string? name, SpanParent parent, IReadOnlyDictionary<string, string>? attributes)
    {
        try
        {
            return LogFluxSpan.Start(this, operation, name, parent, attributes);
        }
        catch (Exception ex)
        {
            _diagnostics.Error("Starting a span failed", ex);
            return LogFluxSpan.Detached(operation, name);
        }
    }

    private static string? FindHeader(IEnumerable<KeyValuePair<string, string>>? headers, string name)
    {
        if (headers is null) return null;
        foreach (var pair in headers)
        {
            if (string.Equals(pair.Key?.Trim(), name, StringComparison.OrdinalIgnoreCase)) return pair.Value;
        }
        return null;
    }
}
