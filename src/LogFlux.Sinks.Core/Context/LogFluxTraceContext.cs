using System.Diagnostics;
using LogFlux.Sinks.Context;
using LogFlux.Sinks.Records;

namespace LogFlux.Sinks;

/// <summary>
/// The trace context of the calling flow, for adapters and propagation helpers: <see cref="Activity.Current"/>
/// when it carries W3C ids (a <see cref="LogFluxSpan"/> mirrors itself onto an activity, so this is also the
/// innermost span, including activities that other libraries started inside it), else the innermost active
/// <see cref="LogFluxSpan"/> of any client. Hierarchical activity ids are ignored.
/// </summary>
public static class LogFluxTraceContext
{
    /// <summary>Reads the current trace and span id.</summary>
    /// <param name="traceId">32 lowercase hex characters, or empty.</param>
    /// <param name="spanId">16 lowercase hex characters, or empty.</param>
    /// <returns>True when a trace context is present.</returns>
    public static bool TryGetCurrent(out string traceId, out string spanId) =>
        CapturedTrace.Current().TryGetIds(out traceId, out spanId);

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
