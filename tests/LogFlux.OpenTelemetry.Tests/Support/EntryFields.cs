using LogFlux.Sinks.Testing;

namespace LogFlux.OpenTelemetry.Tests.Support;

/// <summary>Short names for fields of a received entry.</summary>
internal static class EntryFields
{
    public static string? TraceId(this ReceivedEntry e) => e.GetString("trace_id");

    public static string? SpanId(this ReceivedEntry e) => e.GetString("span_id");

    public static string? ParentSpanId(this ReceivedEntry e) => e.GetString("parent_span_id");

    public static string? Operation(this ReceivedEntry e) => e.GetString("operation");

    public static string? SpanName(this ReceivedEntry e) => e.GetString("name");

    public static string? Attribute(this ReceivedEntry e, string key) => e.Attributes.TryGetValue(key, out var value) ? value : null;

    public static double Value(this ReceivedEntry e) => e.Json.GetProperty("value").GetDouble();
}
