using System.Diagnostics;
using LogFlux.Sinks.Context;

namespace LogFlux.Sinks;

/// <summary>
/// The trace context of the calling flow, for adapters and propagation helpers: the innermost active
/// <see cref="LogFluxSpan"/> of any client, else <see cref="Activity.Current"/> (W3C ids only; hierarchical
/// ids are ignored).
/// </summary>
public static class LogFluxTraceContext
{
    /// <summary>Reads the current trace and span id.</summary>
    /// <param name="traceId">32 lowercase hex characters, or empty.</param>
    /// <param name="spanId">16 lowercase hex characters, or empty.</param>
    /// <returns>True when a trace context is present.</returns>
    public static bool TryGetCurrent(out string traceId, out string spanId)
    {
        if (LogFluxSpan.Ambient is { IsEnded: false } span)
        {
            traceId = span.TraceId;
            spanId = span.SpanId;
            return true;
        }
        return TraceIds.TryGetIds(Activity.Current, out traceId, out spanId);
    }

    /// <summary>
    /// The <c>X-LogFlux-Trace</c> value to send on an outgoing request, or null without a trace context.
    /// The flag follows the LogFlux span's sampling decision; for a plain activity it is <c>1</c>.
    /// </summary>
    public static string? CurrentTraceHeader
    {
        get
        {
            if (LogFluxSpan.Ambient is { IsEnded: false } span) return span.TraceHeader;
            return TraceIds.TryGetIds(Activity.Current, out var traceId, out var spanId)
                ? Protocol.TraceHeader.Format(traceId, spanId, sampled: true)
                : null;
        }
    }
}
