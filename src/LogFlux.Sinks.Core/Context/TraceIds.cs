using System.Diagnostics;

namespace LogFlux.Sinks.Context;

/// <summary>Random W3C-sized ids in lowercase hex.</summary>
internal static class TraceIds
{
    public static string NewTraceId() => ActivityTraceId.CreateRandom().ToHexString();

    public static string NewSpanId() => ActivitySpanId.CreateRandom().ToHexString();

    /// <summary>The W3C ids of an activity, or false for a hierarchical or empty one.</summary>
    public static bool TryGetIds(Activity? activity, out string traceId, out string spanId)
    {
        if (activity is { IdFormat: ActivityIdFormat.W3C } && activity.TraceId != default && activity.SpanId != default)
        {
            traceId = activity.TraceId.ToHexString();
            spanId = activity.SpanId.ToHexString();
            return true;
        }
        traceId = string.Empty;
        spanId = string.Empty;
        return false;
    }
}
