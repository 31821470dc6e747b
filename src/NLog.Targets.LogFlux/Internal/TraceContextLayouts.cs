using LogFlux.Sinks;
using NLog.Layouts;

namespace NLog.Targets.LogFlux.Internal;

/// <summary>
/// Default layouts of <see cref="LogFluxTarget.TraceId"/> and <see cref="LogFluxTarget.SpanId"/>. They are
/// deliberately not thread-agnostic: NLog then precalculates them on the logging thread before an async
/// wrapper hands the event to its background thread, so the ids are those of the thread that logged.
/// </summary>
internal static class TraceContextLayouts
{
    public static Layout CreateTraceId() => Layout.FromMethod(
        static e => LogFluxTraceContext.TryGetCurrent(out var traceId, out _) ? traceId : string.Empty,
        LayoutRenderOptions.None);

    public static Layout CreateSpanId() => Layout.FromMethod(
        static e => LogFluxTraceContext.TryGetCurrent(out _, out var spanId) ? spanId : string.Empty,
        LayoutRenderOptions.None);
}
