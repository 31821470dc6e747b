using System.Text;
using System.Text.Json.Nodes;
using LogFlux.Sinks.Testing.Protocol;
using LogFlux.Sinks.Testing.Tests.Support;

namespace LogFlux.Sinks.Testing.Tests.Protocol;

public class PayloadValidatorTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    [TestCase(6)]
    [TestCase(7)]
    public void Accepts_a_valid_payload_of_every_type(int entryType)
    {
        using var document = PayloadValidator.Parse(Encoding.UTF8.GetBytes(Payloads.ForType(entryType)), entryType);
        Assert.That(document.RootElement.GetProperty("type").GetString(), Is.EqualTo(PayloadValidator.TypeNameFor(entryType)));
    }

    [Test]
    public void Accepts_an_error_capture_payload()
    {
        string json = """
            {"v":"2.0","type":"log","source":"a","level":4,"ts":"2026-01-15T10:31:07.004Z","message":"boom","error_type":"System.InvalidOperationException",
             "error_message":"boom","stack_trace":[{"function":"A.B.C","file":"unknown","line":0}],
             "error_chain":[{"type":"X","message":"m"},{"type":"Y","message":"n"}],
             "breadcrumbs":[{"timestamp":"2026-01-15T10:31:06.950Z","category":"log","message":"loading","level":"info","data":{"k":"v"}}]}
            """;
        Assert.That(() => PayloadValidator.Parse(Encoding.UTF8.GetBytes(json), 1).Dispose(), Throws.Nothing);
    }

    [TestCase(1, "{", "not valid UTF-8 JSON")]
    [TestCase(1, "[1,2]", "must be a JSON object")]
    [TestCase(1, "\uFEFF{}", "byte order mark")]
    public void Rejects_non_object_json(int entryType, string json, string reason) =>
        AssertRejected(Encoding.UTF8.GetBytes(json), entryType, reason);

    [TestCase(1, "v", 2.0, "field 'v' must be the string \"2.0\"")]
    [TestCase(1, "v", "2.1", "field 'v' must be the string \"2.0\"")]
    [TestCase(1, "type", "event", "field 'type' is \"event\" but entry type 1 requires \"log\"")]
    [TestCase(7, "type", "log", "entry type 7 requires \"telemetry\"")]
    [TestCase(1, "level", 0, "field 'level' must be 1-8")]
    [TestCase(1, "level", 9, "field 'level' must be 1-8")]
    [TestCase(1, "level", 7.5, "field 'level' is required (integer)")]
    [TestCase(1, "level", "7", "field 'level' is required (integer)")]
    [TestCase(1, "ts", "2026-01-15 10:30:00", "field 'ts' must be an RFC 3339 UTC timestamp")]
    [TestCase(1, "source", 5, "field 'source' must be a string")]
    [TestCase(1, "message", 5, "field 'message' is required (string)")]
    [TestCase(2, "value", "1", "field 'value' is required (number)")]
    [TestCase(2, "kind", "histogram", "field 'kind' must be counter, gauge or distribution")]
    [TestCase(3, "trace_id", "4BF92F3577B34DA6A3CE929D0E0E4736", "field 'trace_id' must be 32 lowercase hex characters")]
    [TestCase(3, "span_id", "00f067aa0ba902", "field 'span_id' must be 16 lowercase hex characters")]
    [TestCase(3, "duration_ms", -1, "field 'duration_ms' must not be negative")]
    [TestCase(3, "status", "failed", "field 'status' must be ok or error")]
    [TestCase(3, "end_time", "yesterday", "field 'end_time' must be an RFC 3339 UTC timestamp")]
    public void Rejects_a_wrong_field_value(int entryType, string field, object value, string reason)
    {
        var node = JsonNode.Parse(Payloads.ForType(entryType))!.AsObject();
        node[field] = JsonValue.Create(value);
        AssertRejected(Encoding.UTF8.GetBytes(node.ToJsonString()), entryType, reason);
    }

    [TestCase(1, "v")]
    [TestCase(1, "type")]
    [TestCase(1, "level")]
    [TestCase(1, "ts")]
    [TestCase(1, "message")]
    [TestCase(2, "name")]
    [TestCase(2, "value")]
    [TestCase(2, "kind")]
    [TestCase(3, "trace_id")]
    [TestCase(3, "span_id")]
    [TestCase(3, "operation")]
    [TestCase(3, "name")]
    [TestCase(3, "start_time")]
    [TestCase(3, "end_time")]
    [TestCase(3, "duration_ms")]
    [TestCase(3, "status")]
    [TestCase(4, "event")]
    [TestCase(5, "action")]
    [TestCase(5, "actor")]
    [TestCase(5, "resource")]
    [TestCase(5, "resource_id")]
    [TestCase(6, "device_id")]
    [TestCase(6, "readings")]
    [TestCase(7, "device_id")]
    public void Rejects_a_missing_required_field(int entryType, string field)
    {
        var node = JsonNode.Parse(Payloads.ForType(entryType))!.AsObject();
        Assert.That(node.Remove(field), Is.True, "the sample payload must contain the field");
        AssertRejected(Encoding.UTF8.GetBytes(node.ToJsonString()), entryType, $"field '{field}'");
    }

    [TestCase("attributes", "{\"n\":1}", "field 'attributes.n' must be a string, got Number")]
    [TestCase("attributes", "{\"b\":true}", "field 'attributes.b' must be a string, got True")]
    [TestCase("attributes", "[\"a\"]", "field 'attributes' must be an object")]
    [TestCase("meta", "{\"environment\":{}}", "field 'meta.environment' must be a string")]
    [TestCase("meta", "\"production\"", "field 'meta' must be an object")]
    [TestCase("logger", "null", "field 'logger' is null")]
    [TestCase("stack_trace", "[{\"file\":\"x\"}]", "field 'stack_trace[].function' is required (string)")]
    [TestCase("breadcrumbs", "[{\"timestamp\":\"x\",\"message\":\"m\"}]", "field 'breadcrumbs[].timestamp' must be an RFC 3339 UTC timestamp")]
    public void Rejects_badly_typed_optional_fields(string field, string json, string reason)
    {
        var node = JsonNode.Parse(Payloads.Log())!.AsObject();
        node[field] = JsonNode.Parse(json);
        AssertRejected(Encoding.UTF8.GetBytes(node.ToJsonString()), 1, reason);
    }

    [Test]
    public void Rejects_telemetry_readings_with_non_numeric_values()
    {
        string json = Payloads.Telemetry.Replace("\"value\":72.5", "\"value\":\"72.5\"", StringComparison.Ordinal);
        AssertRejected(Encoding.UTF8.GetBytes(json), 6, "field 'readings[].value' is required (number)");
    }

    [Test]
    public void Rejects_duplicate_top_level_fields()
    {
        string json = Payloads.Log().Replace("\"level\":7", "\"level\":7,\"level\":6", StringComparison.Ordinal);
        AssertRejected(Encoding.UTF8.GetBytes(json), 1, "duplicate field 'level'");
    }

    private static void AssertRejected(byte[] json, int entryType, string reason)
    {
        var ex = Assert.Throws<PayloadValidationException>(() => PayloadValidator.Parse(json, entryType).Dispose());
        Assert.That(ex!.Message, Does.Contain(reason));
    }
}
