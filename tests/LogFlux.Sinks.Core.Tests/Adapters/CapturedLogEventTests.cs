using System.Text.Json;
using LogFlux.Sinks.Adapters;
using LogFlux.Sinks.Core.Tests.Client;
using LogFlux.Sinks.Pipeline;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Core.Tests.Adapters;

public class CapturedLogEventTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Properties_win_over_extra_attributes_and_trace_ids()
    {
        var captured = new CapturedLogEvent(
            LogFluxLevel.Warning, At, "disk low", "Disk",
            [new("free_mb", 512), new("line", "from-property"), new("trace_id", "explicit"), new("empty", null)], 4,
            [new("line", "42"), new("file", "Disk.cs")],
            "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7");

        var attributes = Payload(captured).GetProperty("attributes");

        Assert.Multiple(() =>
        {
            Assert.That(attributes.GetProperty("free_mb").GetString(), Is.EqualTo("512"));
            Assert.That(attributes.GetProperty("line").GetString(), Is.EqualTo("from-property"));
            Assert.That(attributes.GetProperty("file").GetString(), Is.EqualTo("Disk.cs"));
            Assert.That(attributes.GetProperty("trace_id").GetString(), Is.EqualTo("explicit"));
            Assert.That(attributes.TryGetProperty("span_id", out _), Is.False, "the ids travel as a pair");
            Assert.That(attributes.TryGetProperty("empty", out _), Is.False);
        });
    }

    [Test]
    public void The_written_payload_equals_the_converted_entrys([Values] bool withTrace)
    {
        var captured = new FilteringEvent(
            [new("order", 7), new("ratio", 0.5), new("when", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc)), new("hidden", "x"), new("tags", new[] { "a", "b" })],
            withTrace ? "4bf92f3577b34da6a3ce929d0e0e4736" : null);

        var written = Payload(captured);
        var converted = JsonDocument.Parse(EntryJsonWriter.ToUtf8(captured.ToLogEntry(), ClientHarness.NewOptions().CreateGlobalContext())).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(written.GetRawText(), Is.EqualTo(converted.GetRawText()));
            Assert.That(written.GetProperty("attributes").TryGetProperty("hidden", out _), Is.False);
            Assert.That(written.GetProperty("attributes").GetProperty("tags").GetString(), Is.EqualTo("custom:2"));
        });
    }

    [Test]
    public void It_always_carries_its_own_trace_context()
    {
        using var activity = new System.Diagnostics.Activity("ambient").SetIdFormat(System.Diagnostics.ActivityIdFormat.W3C).Start();
        using var h = new ClientHarness();
        h.Client.Enqueue(new CapturedLogEvent(LogFluxLevel.Info, At, "no trace on the logging thread", null, null, 0, null, null, null));
        Assert.That(h.Json(h.Single()).TryGetProperty("attributes", out _), Is.False);
    }

    private static JsonElement Payload(DeferredLogEntry entry)
    {
        var pending = new PendingEntry(entry, null, default);
        return JsonDocument.Parse(ClientHarness.DeferredJson(pending, ClientHarness.NewOptions().CreateGlobalContext())).RootElement.Clone();
    }

    private sealed class FilteringEvent(IReadOnlyList<KeyValuePair<string, object?>> properties, string? traceId)
        : CapturedLogEvent(LogFluxLevel.Info, At, "filtered", "Filter", properties, properties.Count, null, traceId, traceId is null ? null : "00f067aa0ba902b7")
    {
        protected override bool Includes(string name) => name != "hidden";

        protected override string? FormatValue(string name, object? value) =>
            value is string[] items ? "custom:" + items.Length : base.FormatValue(name, value);
    }
}
