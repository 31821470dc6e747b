using System.Diagnostics;
using System.Text.Json;
using LogFlux.Sinks.Core.Tests.Support;

namespace LogFlux.Sinks.Core.Tests.Client;

public class ClientDeferredEnqueueTests
{
    [Test]
    public void A_captured_record_is_queued_without_rendering_on_the_calling_thread()
    {
        using var h = new ClientHarness(o => o.MinimumBreadcrumbLevel = LogFluxLevel.Debug);
        var entry = new TestRecord("order placed", new() { ["order_id"] = 42 }, logger: "Orders");

        Assert.That(h.Client.Enqueue(entry), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(h.Single().Captured, Is.SameAs(entry.Record));
            Assert.That(entry.Renders, Is.Zero, "message rendered on the caller");
            Assert.That(entry.AttributeWrites, Is.Zero, "attributes written on the caller");
            Assert.That(h.Single().EstimatedBytes, Is.EqualTo(entry.EstimatedBytes));
        });
    }

    [Test]
    public void The_sender_writes_the_same_payload_as_the_converted_entry()
    {
        using var h = new ClientHarness();
        using var activity = new Activity("request").SetIdFormat(ActivityIdFormat.W3C).Start();
        using var scope = h.Client.BeginScope();
        scope.SetAttribute("tenant", "t1").SetAttribute("order_id", "from-scope");
        var attributes = new Dictionary<string, object?> { ["order_id"] = 42, ["ratio"] = 0.25, ["ok"] = true, ["name"] = "acme", ["missing"] = null };

        h.Client.Enqueue(new TestRecord("order placed", attributes, logger: "Orders"));
        h.Client.Enqueue(new TestRecord("order placed", attributes, logger: "Orders").ToLogEntry());

        var deferred = h.Json(h.Accepted[0]);
        var converted = h.Json(h.Accepted[1]);
        Assert.Multiple(() =>
        {
            Assert.That(deferred.GetRawText(), Is.EqualTo(converted.GetRawText()));
            Assert.That(deferred.GetProperty("attributes").GetProperty("order_id").GetString(), Is.EqualTo("42"), "the event's own value wins over the scope");
            Assert.That(deferred.GetProperty("attributes").GetProperty("tenant").GetString(), Is.EqualTo("t1"));
            Assert.That(deferred.GetProperty("attributes").GetProperty("trace_id").GetString(), Is.EqualTo(activity.TraceId.ToHexString()));
            Assert.That(deferred.GetProperty("logger").GetString(), Is.EqualTo("Orders"));
            Assert.That(deferred.GetProperty("source").GetString(), Is.EqualTo("unit-tests"));
        });
    }

    [Test]
    public void Scope_and_trace_context_are_those_of_the_moment_the_entry_was_queued()
    {
        using var h = new ClientHarness();
        string traceId, spanId;
        using (var scope = h.Client.BeginScope())
        {
            scope.SetAttribute("step", "before");
            using var activity = new Activity("request").SetIdFormat(ActivityIdFormat.W3C).Start();
            traceId = activity.TraceId.ToHexString();
            spanId = activity.SpanId.ToHexString();
            h.Client.Enqueue(new TestRecord("queued"));
            scope.SetAttribute("step", "after");
        }

        var attributes = h.Json(h.Single()).GetProperty("attributes");
        Assert.Multiple(() =>
        {
            Assert.That(attributes.GetProperty("step").GetString(), Is.EqualTo("before"));
            Assert.That(attributes.GetProperty("trace_id").GetString(), Is.EqualTo(traceId));
            Assert.That(attributes.GetProperty("span_id").GetString(), Is.EqualTo(spanId));
        });
    }

    [Test]
    public void An_entry_with_its_own_trace_context_does_not_get_the_ambient_one()
    {
        using var h = new ClientHarness();
        using var activity = new Activity("ambient").SetIdFormat(ActivityIdFormat.W3C).Start();
        var own = new Dictionary<string, object?> { ["trace_id"] = "0af7651916cd43dd8448eb211c80319c", ["span_id"] = "b7ad6b7169203331" };

        h.Client.Enqueue(new TestRecord("with own ids", own, hasTraceContext: true));
        h.Client.Enqueue(new TestRecord("without ids", hasTraceContext: true));

        Assert.Multiple(() =>
        {
            Assert.That(h.Json(h.Accepted[0]).GetProperty("attributes").GetProperty("trace_id").GetString(), Is.EqualTo("0af7651916cd43dd8448eb211c80319c"));
            Assert.That(h.Json(h.Accepted[1]).TryGetProperty("attributes", out _), Is.False);
        });
    }

    [Test]
    public void Breadcrumbs_of_captured_records_are_rendered_only_when_an_error_is_captured()
    {
        using var h = new ClientHarness();
        var info = new TestRecord("loaded the cart");
        var debug = new TestRecord("cache miss", level: LogFluxLevel.Debug);
        h.Client.Enqueue(info);
        h.Client.Enqueue(debug);
        Assert.That(info.Renders, Is.Zero);

        h.Client.CaptureError(new InvalidOperationException("checkout failed"));

        var error = (LogEntry)h.Accepted[2].Entry!;
        Assert.Multiple(() =>
        {
            Assert.That(error.Error!.Breadcrumbs.Select(b => (b.Category, b.Message, b.Level)), Is.EqualTo(new[] { ("log", "loaded the cart", "info") }));
            Assert.That(debug.Renders, Is.Zero, "below the breadcrumb level");
            Assert.That(info.Renders, Is.EqualTo(1));
        });
    }

    [Test]
    public void A_before_send_hook_makes_the_entry_convert_at_once()
    {
        using var h = new ClientHarness(o => o.BeforeSendLog = payload =>
        {
            payload["message"] = "redacted";
            return payload;
        });
        var entry = new TestRecord("secret");

        h.Client.Enqueue(entry);

        Assert.Multiple(() =>
        {
            Assert.That(h.Single().Captured, Is.Null, "converted at once");
            Assert.That(h.Single().Json, Is.Not.Null);
            Assert.That(h.Json(h.Single()).GetProperty("message").GetString(), Is.EqualTo("redacted"));
        });
    }

    [Test]
    public void Sampled_out_and_closed_refusals_are_counted()
    {
        using var sampled = new ClientHarness(o => o.SampleRate = 0.5, random: () => 0.9);
        Assert.That(sampled.Client.Enqueue(new TestRecord("dropped by sampling")), Is.False);
        Assert.That(sampled.Client.GetStats().EntriesSampledOut, Is.EqualTo(1));

        using var closed = new ClientHarness();
        closed.Client.Close();
        Assert.That(closed.Client.Enqueue(new TestRecord("too late")), Is.False);
        Assert.That(closed.Client.GetStats().DropReasons[DropReasons.Closed], Is.EqualTo(1));
        Assert.That(closed.Accepted, Is.Empty);
    }

    [Test]
    public void Without_failsafe_a_closed_client_throws()
    {
        using var h = new ClientHarness(o => o.Failsafe = false);
        h.Client.Close();
        Assert.That(() => h.Client.Enqueue(new TestRecord("too late")), Throws.InvalidOperationException);
    }

    [Test]
    public void A_null_record_is_a_counted_validation_drop()
    {
        using var h = new ClientHarness();
        Assert.That(h.Client.Enqueue((LogFlux.Sinks.Records.CapturedRecord)null!), Is.False);
        Assert.That(h.Client.GetStats().DropReasons[DropReasons.ValidationError], Is.EqualTo(1));
    }
}
