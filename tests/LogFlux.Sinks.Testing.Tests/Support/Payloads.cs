namespace LogFlux.Sinks.Testing.Tests.Support;

/// <summary>Valid v2 payloads for every entry type.</summary>
internal static class Payloads
{
    public const string Ts = "2026-01-15T10:30:00.123Z";

    public static string Log(string message = "order placed", string attributes = "{\"order_id\":\"ord_1001\"}") =>
        $"{{\"v\":\"2.0\",\"type\":\"log\",\"source\":\"checkout-api\",\"level\":7,\"ts\":\"{Ts}\",\"message\":\"{message}\",\"attributes\":{attributes}}}";

    public static string Metric =>
        $"{{\"v\":\"2.0\",\"type\":\"metric\",\"source\":\"s\",\"level\":7,\"ts\":\"{Ts}\",\"name\":\"http.requests.total\",\"value\":1,\"kind\":\"counter\"}}";

    public static string Trace =>
        $"{{\"v\":\"2.0\",\"type\":\"trace\",\"source\":\"s\",\"level\":7,\"ts\":\"{Ts}\",\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"span_id\":\"00f067aa0ba902b7\",\"parent_span_id\":\"b7ad6b7169203331\",\"operation\":\"db.query\",\"name\":\"SELECT 1\",\"start_time\":\"2026-01-15T10:30:03.208Z\",\"end_time\":\"2026-01-15T10:30:03.250Z\",\"duration_ms\":42,\"status\":\"ok\"}}";

    public static string Event =>
        $"{{\"v\":\"2.0\",\"type\":\"event\",\"source\":\"s\",\"level\":7,\"ts\":\"{Ts}\",\"event\":\"user.signup\",\"attributes\":{{\"plan\":\"starter\"}}}}";

    public static string Audit =>
        $"{{\"v\":\"2.0\",\"type\":\"audit\",\"source\":\"billing\",\"level\":6,\"ts\":\"{Ts}\",\"action\":\"record.deleted\",\"actor\":\"usr_456\",\"resource\":\"invoice\",\"resource_id\":\"inv_789\",\"outcome\":\"success\"}}";

    public static string Telemetry =>
        $"{{\"v\":\"2.0\",\"type\":\"telemetry\",\"source\":\"s\",\"level\":7,\"ts\":\"{Ts}\",\"device_id\":\"dev_0042\",\"readings\":[{{\"name\":\"cpu_temp\",\"value\":72.5,\"unit\":\"celsius\"}}]}}";

    public static string ForType(int entryType) => entryType switch
    {
        1 => Log(),
        2 => Metric,
        3 => Trace,
        4 => Event,
        5 => Audit,
        _ => Telemetry,
    };
}
