namespace LogFlux.Sinks.Testing.Tests.Support;

/// <summary>
/// Payloads in the shapes the official clients document (docs/protocol.md#metrics, docs/protocol.md#spans and docs/protocol.md#test-receiver): Java and JavaScript
/// write <c>metric_type</c> and <c>description</c>; Go omits a zero <c>duration_ms</c>.
/// </summary>
internal static class OfficialClientPayloads
{
    private const string Head = "\"v\":\"2.0\",\"source\":\"checkout-api\",\"level\":7,\"ts\":\"2026-01-15T10:30:03.250Z\"";

    private const string SpanIds = "\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"span_id\":\"00f067aa0ba902b7\",\"parent_span_id\":\"b7ad6b7169203331\"";

    public static string JavaScriptMetric =>
        $"{{{Head},\"type\":\"metric\",\"name\":\"http.requests.total\",\"value\":1,\"metric_type\":\"counter\",\"attributes\":{{\"method\":\"GET\"}}}}";

    public static string JavaMetric =>
        $"{{{Head},\"type\":\"metric\",\"name\":\"queue.depth\",\"value\":12.5,\"metric_type\":\"gauge\",\"unit\":\"items\"}}";

    public static string MetricWithBothSpellings(string kind, string metricType) =>
        $"{{{Head},\"type\":\"metric\",\"name\":\"http.requests.total\",\"value\":1,\"kind\":\"{kind}\",\"metric_type\":\"{metricType}\"}}";

    public static string JavaScriptSpan =>
        $"{{{Head},\"type\":\"trace\",{SpanIds},\"operation\":\"db.query\",\"description\":\"SELECT * FROM users\",\"start_time\":\"2026-01-15T10:30:03.208Z\",\"end_time\":\"2026-01-15T10:30:03.250Z\",\"duration_ms\":42,\"status\":\"ok\"}}";

    public static string SpanWithBothSpellings(string name, string description) =>
        $"{{{Head},\"type\":\"trace\",{SpanIds},\"operation\":\"db.query\",\"name\":\"{name}\",\"description\":\"{description}\",\"start_time\":\"2026-01-15T10:30:03.208Z\",\"end_time\":\"2026-01-15T10:30:03.250Z\",\"duration_ms\":42,\"status\":\"ok\"}}";

    /// <summary>A Go span that took under a millisecond: <c>duration_ms</c> 0 is dropped by <c>omitempty</c>.</summary>
    public static string GoZeroDurationSpan =>
        $"{{{Head},\"type\":\"trace\",{SpanIds},\"operation\":\"cache.get\",\"name\":\"GET user:42\",\"start_time\":\"2026-01-15T10:30:03.250Z\",\"end_time\":\"2026-01-15T10:30:03.250400Z\",\"status\":\"ok\"}}";

    public static string SpanWithoutDurationThatLasted5Ms =>
        $"{{{Head},\"type\":\"trace\",{SpanIds},\"operation\":\"cache.get\",\"name\":\"GET user:42\",\"start_time\":\"2026-01-15T10:30:03.245Z\",\"end_time\":\"2026-01-15T10:30:03.250Z\",\"status\":\"ok\"}}";
}
