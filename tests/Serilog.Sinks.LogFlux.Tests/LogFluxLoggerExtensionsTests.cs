using System.Diagnostics;
using System.Globalization;
using Serilog.Context;
using Serilog.Events;
using Serilog.Sinks.LogFlux.Tests.Support;

namespace Serilog.Sinks.LogFlux.Tests;

[TestFixture]
public sealed class LogFluxLoggerExtensionsTests : ReceiverTestBase
{
    [Test]
    public async Task Metrics_arrive_as_typed_metric_entries_and_other_sinks_see_a_readable_line()
    {
        var other = new CollectingSink();
        var logger = CreateLogger(c => c.Enrich.FromLogContext().WriteTo.Sink(other));
        using (LogContext.PushProperty("tenant", "t1"))
        {
            logger.Counter("orders.placed");
            logger.Gauge("queue.depth", 42.5, unit: "items");
            logger.Distribution("http.duration", 12.25, "ms", [new("route", "/api/orders")]);
        }

        var counter = await Receive(e => e.Type == "metric" && e.GetString("name") == "orders.placed");
        Assert.That(counter.EntryType, Is.EqualTo(2));
        Assert.That(counter.Json.GetProperty("value").GetDouble(), Is.EqualTo(1));
        Assert.That(counter.GetString("kind"), Is.EqualTo("counter"));
        Assert.That(counter.Attributes["tenant"], Is.EqualTo("t1"));
        Assert.That(counter.Attributes.Keys.Any(k => k.StartsWith("LogFlux", StringComparison.Ordinal)), Is.False);
        Assert.That(counter.Attributes.ContainsKey("message_template"), Is.False);

        var gauge = await Receive(e => e.Type == "metric" && e.GetString("name") == "queue.depth");
        Assert.That(gauge.Json.GetProperty("value").GetDouble(), Is.EqualTo(42.5));
        Assert.That(gauge.GetString("kind"), Is.EqualTo("gauge"));
        Assert.That(gauge.GetString("unit"), Is.EqualTo("items"));

        var distribution = await Receive(e => e.Type == "metric" && e.GetString("name") == "http.duration");
        Assert.That(distribution.GetString("kind"), Is.EqualTo("distribution"));
        Assert.That(distribution.Attributes["route"], Is.EqualTo("/api/orders"));

        var line = other.Events.Select(e => e.RenderMessage(CultureInfo.InvariantCulture)).First(m => m.Contains("queue.depth"));
        Assert.That(line, Is.EqualTo("Metric \"queue.depth\" \"gauge\" 42.5"));
    }

    [Test]
    public async Task Event_and_audit_helpers_arrive_typed()
    {
        var logger = CreateLogger();
        logger.Event("user.signup", [new("plan", "starter")]);
        logger.Audit("record.deleted", "usr_456", "invoice", "inv_789", attributes: [new("reason", "customer_request")]);
        logger.Audit("record.read", "usr_1", "invoice", "inv_1", outcome: "denied");

        var signup = await Receive(e => e.Type == "event");
        Assert.That(signup.EntryType, Is.EqualTo(4));
        Assert.That(signup.GetString("event"), Is.EqualTo("user.signup"));
        Assert.That(signup.Attributes["plan"], Is.EqualTo("starter"));

        var deleted = await Receive(e => e.Type == "audit" && e.GetString("action") == "record.deleted");
        Assert.That(deleted.EntryType, Is.EqualTo(5));
        Assert.That(deleted.Level, Is.EqualTo(6));
        Assert.That(deleted.GetString("actor"), Is.EqualTo("usr_456"));
        Assert.That(deleted.GetString("resource"), Is.EqualTo("invoice"));
        Assert.That(deleted.GetString("resource_id"), Is.EqualTo("inv_789"));
        Assert.That(deleted.GetString("outcome"), Is.EqualTo("success"));
        Assert.That(deleted.Attributes["reason"], Is.EqualTo("customer_request"));

        var denied = await Receive(e => e.Type == "audit" && e.GetString("action") == "record.read");
        Assert.That(denied.GetString("outcome"), Is.EqualTo("denied"));
    }

    [Test]
    public async Task Span_sets_the_activity_for_inner_events_and_arrives_as_a_trace_entry()
    {
        var logger = CreateLogger();
        string traceId, spanId;
        using (var parent = new Activity("request").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            using (var span = logger.StartSpan("db.query", "SELECT 1"))
            {
                traceId = span.TraceId;
                spanId = span.SpanId;
                Assert.That(span.ParentSpanId, Is.EqualTo(parent.SpanId.ToHexString()));
                Assert.That(traceId, Is.EqualTo(parent.TraceId.ToHexString()), "a span under an activity continues its trace");
                Assert.That(Activity.Current?.SpanId.ToHexString(), Is.EqualTo(spanId));
                logger.Information("inside span");
                span.SetAttribute("db.system", "postgresql").SetError(new InvalidOperationException("boom"));
            }
            Assert.That(Activity.Current, Is.SameAs(parent), "ending the span restores the previous activity");
        }

        var inner = await ReceiveMessage("inside span");
        Assert.That(inner.Attributes["trace_id"], Is.EqualTo(traceId));
        Assert.That(inner.Attributes["span_id"], Is.EqualTo(spanId));

        var trace = await Receive(e => e.Type == "trace");
        Assert.That(trace.EntryType, Is.EqualTo(3));
        Assert.That(trace.GetString("trace_id"), Is.EqualTo(traceId));
        Assert.That(trace.GetString("span_id"), Is.EqualTo(spanId));
        Assert.That(trace.GetString("operation"), Is.EqualTo("db.query"));
        Assert.That(trace.GetString("name"), Is.EqualTo("SELECT 1"));
        Assert.That(trace.GetString("status"), Is.EqualTo("error"));
        Assert.That(trace.Attributes["db.system"], Is.EqualTo("postgresql"));
        Assert.That(trace.Attributes["error.message"], Is.EqualTo("boom"));
        Assert.That(trace.Json.GetProperty("duration_ms").GetInt64(), Is.GreaterThanOrEqualTo(0));
        Assert.That(trace.Attributes.ContainsKey("trace_id"), Is.False, "the span's own ids are fields, not attributes");
    }

    [Test]
    public void Root_span_has_no_parent_and_ends_once()
    {
        var logger = CreateLogger();
        var span = logger.StartSpan("job", "nightly");
        span.End();
        span.Dispose();
        logger.Dispose();

        var traces = Received().Where(e => e.Type == "trace").ToList();
        Assert.That(traces, Has.Count.EqualTo(1));
        Assert.That(traces[0].Json.TryGetProperty("parent_span_id", out _), Is.False);
        Assert.That(traces[0].GetString("trace_id"), Has.Length.EqualTo(32));
    }

    [Test]
    public void Helpers_respect_the_minimum_level()
    {
        var other = new CollectingSink();
        var logger = Track(new LoggerConfiguration().MinimumLevel.Warning().WriteTo.Sink(other).CreateLogger());
        logger.Counter("ignored");
        logger.Event("ignored");
        using (logger.StartSpan("ignored", "ignored")) { }
        Assert.That(other.Events, Is.Empty);
    }
}
