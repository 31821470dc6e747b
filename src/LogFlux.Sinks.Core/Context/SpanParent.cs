namespace LogFlux.Sinks.Context;

/// <summary>Where a new span attaches: a trace and parent span id, or nothing (a new root trace).</summary>
/// <param name="TraceId">32 lowercase hex characters, or null for a new root.</param>
/// <param name="ParentSpanId">16 lowercase hex characters, or null for a new root.</param>
/// <param name="Sampled">The trace's sampling decision when already known (parent span, incoming header).</param>
/// <param name="IsRemote">True when the parent came from another process (an incoming header).</param>
internal readonly record struct SpanParent(string? TraceId, string? ParentSpanId, bool? Sampled, bool IsRemote)
{
    public static SpanParent NewRoot => default;

    public bool IsRoot => TraceId is null || ParentSpanId is null;
}
