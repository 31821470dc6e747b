using System.Diagnostics;
using LogFlux.Sinks.Context;
using Microsoft.AspNetCore.Http;

namespace LogFlux.Sinks.AspNetCore.Middleware;

/// <summary>
/// Starts the <c>http.server</c> span of a request:
/// <list type="bullet">
/// <item>an incoming <c>X-LogFlux-Trace</c> (which wins) or W3C <c>traceparent</c> is continued: same trace id as
/// ASP.NET Core's request activity, the caller's span as parent, the caller's sampling decision;</item>
/// <item>a malformed header is counted and starts a new trace;</item>
/// <item>without a header the span joins ASP.NET Core's request activity (same trace id, that activity as
/// parent) or, without one, is the root of a new trace; <see cref="LogFluxAspNetCoreOptions.SampleRate"/>
/// decides whether the new trace is recorded.</item>
/// </list>
/// </summary>
internal static class ServerSpanStarter
{
    public const string Operation = "http.server";

    public static LogFluxSpan Start(LogFluxClient client, IHeaderDictionary headers, string name, Sampler sampler,
        LogFluxRequestCounters counters)
    {
        var logflux = First(headers, TraceHeaderNames.LogFlux);
        var traceparent = First(headers, TraceHeaderNames.TraceParent);
        if (!string.IsNullOrWhiteSpace(logflux) || !string.IsNullOrWhiteSpace(traceparent))
        {
            var span = client.ContinueFromHeaders(header => Lookup(header, logflux, traceparent), Operation, name);
            if (span.ParentSpanId is null) counters.CountMalformedTraceHeader();
            return span;
        }

        if (sampler.ShouldSample(LogFluxEntryType.Trace)) return client.StartSpan(Operation, name);

        // A trace this service decided not to record: continue the request activity (or a fresh context) with
        // the "not sampled" flag, so the span, its children and downstream services all stay unrecorded.
        var unsampled = Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity && activity.TraceId != default
            ? $"{activity.TraceId.ToHexString()}-{activity.SpanId.ToHexString()}-0"
            : $"{ActivityTraceId.CreateRandom().ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-0";
        return client.ContinueFromHeaders(header => Lookup(header, unsampled, null), Operation, name);
    }

    private static string? First(IHeaderDictionary headers, string name)
    {
        var values = headers[name];
        return values.Count > 0 ? values[0] : null;
    }

    private static string? Lookup(string header, string? logflux, string? traceparent)
    {
        if (string.Equals(header, TraceHeaderNames.LogFlux, StringComparison.OrdinalIgnoreCase)) return logflux;
        if (string.Equals(header, TraceHeaderNames.TraceParent, StringComparison.OrdinalIgnoreCase)) return traceparent;
        return null;
    }
}
