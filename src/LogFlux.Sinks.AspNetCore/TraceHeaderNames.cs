namespace LogFlux.Sinks.AspNetCore;

/// <summary>The propagation header names (docs/protocol.md#trace-propagation and W3C Trace Context).</summary>
internal static class TraceHeaderNames
{
    public const string LogFlux = "X-LogFlux-Trace";
    public const string TraceParent = "traceparent";

    /// <summary>A W3C <c>traceparent</c> value (version 00) for a span.</summary>
    public static string TraceParentOf(LogFluxSpan span) => "00-" + span.TraceId + "-" + span.SpanId + (span.IsSampled ? "-01" : "-00");
}
