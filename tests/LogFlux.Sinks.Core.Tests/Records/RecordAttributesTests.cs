using System.Text.Json;
using LogFlux.Sinks.Core.Tests.Client;
using LogFlux.Sinks.Pipeline;
using LogFlux.Sinks.Records;

namespace LogFlux.Sinks.Core.Tests.Records;

public class RecordAttributesTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private const string FlowTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string FlowSpan = "00f067aa0ba902b7";

    /// <summary>The property bags the adapters hand over: a list (log4net, MEL, OpenTelemetry) and a dictionary (NLog, Serilog's shape).</summary>
    private static IEnumerable<object> Bags()
    {
        var pairs = new List<KeyValuePair<string, object?>> { new("free_mb", 512), new("line", "from-property"), new("empty", null), new("tenant", "from-event") };
        yield return pairs;
        yield return pairs.ToDictionary(p => p.Key, p => p.Value);
    }

    [TestCaseSource(nameof(Bags))]
    public void Properties_then_extra_then_scopes_then_the_flows_trace_ids(object bag)
    {
        var record = new CapturedRecord(LogFluxLevel.Warning, At, "Disk")
        {
            Message = "disk low",
            Properties = bag,
            PropertyCount = 4,
            Extra = [new("line", 42), new("file", "Disk.cs"), new("scope_only", "from-extra")],
        }.WithTrace(CapturedTrace.FromText(FlowTrace, FlowSpan));
        record.AttachScope([new("tenant", "from-scope"), new("scope_only", "from-scope"), new("region", "eu")]);

        var attributes = Payload(record).GetProperty("attributes");

        Assert.That(attributes.EnumerateObject().Select(p => (p.Name, p.Value.GetString())), Is.EqualTo(new[]
        {
            ("free_mb", "512"), ("line", "from-property"), ("tenant", "from-event"),
            ("file", "Disk.cs"), ("scope_only", "from-extra"),
            ("region", "eu"),
            ("trace_id", FlowTrace), ("span_id", FlowSpan),
        }));
        Assert.That(RecordAttributes.ToEntry(record).Attributes, Is.EquivalentTo(attributes.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString())));
    }

    [Test]
    public void A_trace_id_property_keeps_the_flows_ids_out()
    {
        var record = new CapturedRecord(LogFluxLevel.Info, At, null)
        {
            Message = "explicit",
            Properties = new List<KeyValuePair<string, object?>> { new("trace_id", "explicit") },
        }.WithTrace(CapturedTrace.FromText(FlowTrace, FlowSpan));

        var attributes = Payload(record).GetProperty("attributes");

        Assert.Multiple(() =>
        {
            Assert.That(attributes.GetProperty("trace_id").GetString(), Is.EqualTo("explicit"));
            Assert.That(attributes.TryGetProperty("span_id", out _), Is.False, "the ids travel as a pair");
        });
    }

    [Test]
    public void The_written_payload_equals_the_converted_entrys([Values] bool withTrace)
    {
        var record = new CapturedRecord(LogFluxLevel.Info, At, "Filter")
        {
            MessageState = "filtered",
            Properties = new List<KeyValuePair<string, object?>>
            {
                new("order", 7), new("ratio", 0.5), new("when", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc)), new("tags", new[] { "a", "b" }),
            },
        }.WithTrace(withTrace ? CapturedTrace.FromText(FlowTrace, FlowSpan) : default);

        var written = Payload(record);
        var converted = JsonDocument.Parse(global::LogFlux.Sinks.Protocol.EntryJsonWriter.ToUtf8(RecordAttributes.ToEntry(record), ClientHarness.NewOptions().CreateGlobalContext())).RootElement;

        Assert.That(written.GetRawText(), Is.EqualTo(converted.GetRawText()));
    }

    [Test]
    public void A_record_with_its_own_empty_trace_context_does_not_get_the_ambient_one()
    {
        using var activity = new System.Diagnostics.Activity("ambient").SetIdFormat(System.Diagnostics.ActivityIdFormat.W3C).Start();
        using var h = new ClientHarness();
        h.Client.Enqueue(new CapturedRecord(LogFluxLevel.Info, At, null) { Message = "no trace on the logging thread" }.WithTrace(default));
        Assert.That(h.Json(h.Single()).TryGetProperty("attributes", out _), Is.False);
    }

    private static JsonElement Payload(CapturedRecord record) =>
        JsonDocument.Parse(ClientHarness.RecordJson(new PendingEntry(record), ClientHarness.NewOptions().CreateGlobalContext())).RootElement.Clone();
}
