using System.Diagnostics;
using NLog.Targets.LogFlux.Tests.Support;

namespace NLog.Targets.LogFlux.Tests.Helpers;

/// <summary>Metrics, events, audit entries and spans written through an NLog logger arrive typed.</summary>
public sealed class LoggerHelperTests
{
    private const string WithMemoryTarget = """
        <target name='lines' type='Memory' layout='${level}|${message}' />
        """;

    [Test]
    public async Task Counter_gauge_and_distribution_arrive_as_metrics()
    {
        await using var h = await NLogHarness.StartAsync();
        var logger = h.Load(h.Config()).GetLogger("Shop.Metrics");

        logger.Counter("orders.placed", 2, new Dictionary<string, object?> { ["region"] = "eu" });
        logger.Gauge("queue.depth", 17.5, unit: "items");
        logger.Distribution("latency", 42, unit: "ms");

        var counter = await h.WaitForAsync(e => e.GetString("name") == "orders.placed");
        Assert.That(counter.Type, Is.EqualTo("metric"));
        Assert.That(counter.Level, Is.EqualTo(7));
        Assert.That(counter.GetString("kind"), Is.EqualTo("counter"));
        Assert.That(counter.Json.GetProperty("value").GetDouble(), Is.EqualTo(2));
        Assert.That(counter.Attributes["region"], Is.EqualTo("eu"));
        Assert.That(counter.Attributes.Keys.Where(k => k.StartsWith("LogFlux", StringComparison.Ordinal)), Is.Empty);

        var gauge = await h.WaitForAsync(e => e.GetString("name") == "queue.depth");
        Assert.That(gauge.GetString("kind"), Is.EqualTo("gauge"));
        Assert.That(gauge.Json.GetProperty("value").GetDouble(), Is.EqualTo(17.5));
        Assert.That(gauge.GetString("unit"), Is.EqualTo("items"));

        var distribution = await h.WaitForAsync(e => e.GetString("name") == "latency");
        Assert.That(distribution.GetString("kind"), Is.EqualTo("distribution"));
        Assert.That(distribution.GetString("unit"), Is.EqualTo("ms"));
    }

    [Test]
    public async Task Event_and_audit_arrive_typed()
    {
        await using var h = await NLogHarness.StartAsync();
        var logger = h.Load(h.Config()).GetLogger("Shop.Audit");

        logger.Event("user.signup", new Dictionary<string, object?> { ["plan"] = "starter" });
        logger.Audit("record.deleted", "usr_456", "invoice", "inv_789", attributes: new Dictionary<string, object?> { ["reason"] = "customer_request" });

        var signup = await h.WaitForAsync(e => e.Type == "event");
        Assert.That(signup.GetString("event"), Is.EqualTo("user.signup"));
        Assert.That(signup.Attributes["plan"], Is.EqualTo("starter"));

        var audit = await h.WaitForAsync(e => e.Type == "audit");
        Assert.That(audit.Level, Is.EqualTo(6));
        Assert.That(audit.GetString("action"), Is.EqualTo("record.deleted"));
        Assert.That(audit.GetString("actor"), Is.EqualTo("usr_456"));
        Assert.That(audit.GetString("resource"), Is.EqualTo("invoice"));
        Assert.That(audit.GetString("resource_id"), Is.EqualTo("inv_789"));
        Assert.That(audit.GetString("outcome"), Is.EqualTo("success"));
        Assert.That(audit.Attributes["reason"], Is.EqualTo("customer_request"));
    }

    [Test]
    public async Task A_span_arrives_as_a_trace_and_logs_inside_it_carry_its_ids()
    {
        await using var h = await NLogHarness.StartAsync();
        var logger = h.Load(h.Config()).GetLogger("Shop.Db");

        string traceId, spanId;
        using (var span = logger.StartSpan("db.query", "SELECT 1", new Dictionary<string, object?> { ["db.system"] = "postgresql" }))
        {
            traceId = span.TraceId;
            spanId = span.SpanId;
            logger.Info("inside span");
            using var child = logger.StartSpan("db.fetch", "rows");
            Assert.That(child.ParentSpanId, Is.EqualTo(spanId));
            Assert.That(child.TraceId, Is.EqualTo(traceId));
        }

        var inside = await h.WaitForMessageAsync("inside span");
        Assert.That(inside.Attributes["trace_id"], Is.EqualTo(traceId));
        Assert.That(inside.Attributes["span_id"], Is.EqualTo(spanId));

        var trace = await h.WaitForAsync(e => e.Type == "trace" && e.GetString("operation") == "db.query");
        Assert.That(trace.GetString("trace_id"), Is.EqualTo(traceId));
        Assert.That(trace.GetString("span_id"), Is.EqualTo(spanId));
        Assert.That(trace.GetString("name"), Is.EqualTo("SELECT 1"));
        Assert.That(trace.GetString("status"), Is.EqualTo("ok"));
        Assert.That(trace.Json.TryGetProperty("parent_span_id", out _), Is.False);
        Assert.That(trace.Attributes["db.system"], Is.EqualTo("postgresql"));
        Assert.That(trace.Attributes.ContainsKey("trace_id"), Is.False);

        var childTrace = await h.WaitForAsync(e => e.Type == "trace" && e.GetString("operation") == "db.fetch");
        Assert.That(childTrace.GetString("parent_span_id"), Is.EqualTo(spanId));
    }

    [Test]
    public async Task A_span_continues_the_current_activity_and_records_errors()
    {
        await using var h = await NLogHarness.StartAsync();
        var logger = h.Load(h.Config()).GetLogger("Shop");
        using var activity = new Activity("request").SetIdFormat(ActivityIdFormat.W3C).Start();

        using (var span = logger.StartSpan("http.client", "GET /prices"))
        {
            Assert.That(Activity.Current!.TraceId, Is.EqualTo(activity.TraceId));
            span.SetError(new TimeoutException("too slow"));
        }

        Assert.That(Activity.Current, Is.SameAs(activity), "the previous activity is restored");
        var trace = await h.WaitForAsync(e => e.Type == "trace");
        Assert.That(trace.GetString("trace_id"), Is.EqualTo(activity.TraceId.ToHexString()));
        Assert.That(trace.GetString("parent_span_id"), Is.EqualTo(activity.SpanId.ToHexString()));
        Assert.That(trace.GetString("status"), Is.EqualTo("error"));
        Assert.That(trace.Attributes["error.message"], Is.EqualTo("too slow"));
        Assert.That(trace.Attributes.ContainsKey("span_id"), Is.False, "the ambient ids are not copied onto the span");
    }

    [Test]
    public async Task Other_targets_see_readable_lines_and_NLog_rules_apply()
    {
        await using var h = await NLogHarness.StartAsync();
        var xml = $"""
            <nlog>
              {NLogHarness.Extensions}
              <targets>
                <target name='lf' type='LogFlux' {h.Connection} />
                {WithMemoryTarget}
              </targets>
              <rules>
                <logger name='Muted' maxlevel='Info' final='true' />
                <logger name='*' minlevel='Info' writeTo='lf,lines' />
              </rules>
            </nlog>
            """;
        var factory = h.Load(xml);
        var logger = factory.GetLogger("Shop");

        logger.Counter("orders.placed");
        logger.Event("user.signup");
        factory.GetLogger("Muted").Counter("muted.metric");
        logger.Info("sentinel");

        await h.WaitForMessageAsync("sentinel");
        factory.Flush(NLogHarness.Wait);
        var lines = factory.Configuration!.FindTargetByName<MemoryTarget>("lines")!.Logs;
        Assert.That(lines, Does.Contain("Info|Metric orders.placed counter 1"));
        Assert.That(lines, Does.Contain("Info|Event user.signup"));
        Assert.That(h.Received.Any(e => e.GetString("name") == "muted.metric"), Is.False, "the rule's minlevel filters helper events");
    }
}
