using log4net.Appender.LogFlux.Tests.Support;
using log4net.Core;

namespace log4net.Appender.LogFlux.Tests;

/// <summary>The ILog helpers travel through log4net and arrive as typed LogFlux entries.</summary>
public sealed class LogFluxLogExtensionsTests : ReceiverFixture
{
    private const string MemoryAppenderXml = """<appender name="Memory" type="log4net.Appender.MemoryAppender" />""";

    [Test]
    public async Task Metrics_ArriveAsMetricEntries_WithNameValueKindUnitAndAttributes()
    {
        using var harness = Log4NetHarness.Start(Server.BaseUrl);
        var log = harness.Logger("Metrics");
        log.Counter("http.requests.total", attributes: [new("method", "GET")]);
        log.Gauge("queue.depth", 12.5);
        log.Distribution("http.duration", 42, "ms");

        var entries = (await WaitForAsync(harness.ApiKey, 3)).ToDictionary(e => e.GetString("name")!);

        Assert.Multiple(() =>
        {
            Assert.That(entries.Values.All(e => e.Type == "metric" && e.EntryType == 2 && e.Level == 7), Is.True);
            Assert.That(entries["http.requests.total"].GetString("kind"), Is.EqualTo("counter"));
            Assert.That(entries["http.requests.total"].Json.GetProperty("value").GetDouble(), Is.EqualTo(1));
            Assert.That(entries["http.requests.total"].Attributes["method"], Is.EqualTo("GET"));
            Assert.That(entries["queue.depth"].GetString("kind"), Is.EqualTo("gauge"));
            Assert.That(entries["queue.depth"].Json.GetProperty("value").GetDouble(), Is.EqualTo(12.5));
            Assert.That(entries["http.duration"].GetString("kind"), Is.EqualTo("distribution"));
            Assert.That(entries["http.duration"].GetString("unit"), Is.EqualTo("ms"));
            Assert.That(entries.Values.SelectMany(e => e.Attributes.Keys).Any(k => k.StartsWith("LogFlux", StringComparison.Ordinal)), Is.False);
        });
    }

    [Test]
    public async Task EventAndAudit_ArriveTyped_AuditAtNotice()
    {
        using var harness = Log4NetHarness.Start(Server.BaseUrl);
        var log = harness.Logger("Business");
        log.Event("user.signup", [new("plan", "starter")]);
        log.Audit("record.deleted", "usr_456", "invoice", "inv_789", attributes: [new("reason", "customer_request")]);
        log.Audit("login", "usr_1", "session", "s_1", outcome: "failure");

        var entries = await WaitForAsync(harness.ApiKey, 3);
        var signup = entries.Single(e => e.Type == "event");
        var deleted = entries.Single(e => e.GetString("action") == "record.deleted");
        var login = entries.Single(e => e.GetString("action") == "login");

        Assert.Multiple(() =>
        {
            Assert.That(signup.EntryType, Is.EqualTo(4));
            Assert.That(signup.GetString("event"), Is.EqualTo("user.signup"));
            Assert.That(signup.Attributes["plan"], Is.EqualTo("starter"));
            Assert.That(deleted.Type, Is.EqualTo("audit"));
            Assert.That(deleted.EntryType, Is.EqualTo(5));
            Assert.That(deleted.Level, Is.EqualTo(6));
            Assert.That(deleted.GetString("actor"), Is.EqualTo("usr_456"));
            Assert.That(deleted.GetString("resource"), Is.EqualTo("invoice"));
            Assert.That(deleted.GetString("resource_id"), Is.EqualTo("inv_789"));
            Assert.That(deleted.GetString("outcome"), Is.EqualTo("success"));
            Assert.That(deleted.Attributes["reason"], Is.EqualTo("customer_request"));
            Assert.That(login.GetString("outcome"), Is.EqualTo("failure"));
        });
    }

    [Test]
    public async Task Spans_ArriveAsTraces_WithParentLinks_AndLogsInsideCarryTheSpanIds()
    {
        using var harness = Log4NetHarness.Start(Server.BaseUrl);
        var log = harness.Logger("Spans");
        string rootTrace, rootSpan, childSpan;
        using (var root = log.StartSpan("http.server", "GET /orders", [new("http.method", "GET")]))
        {
            rootTrace = root.TraceId;
            rootSpan = root.SpanId;
            using (var child = log.StartSpan("db.query", "SELECT orders"))
            {
                childSpan = child.SpanId;
                log.Info("querying");
                child.SetError(new TimeoutException("db timeout"));
            }
        }

        var entries = await WaitForAsync(harness.ApiKey, 3);
        var rootEntry = entries.Single(e => e.Type == "trace" && e.GetString("operation") == "http.server");
        var childEntry = entries.Single(e => e.Type == "trace" && e.GetString("operation") == "db.query");
        var inside = entries.Single(e => e.Type == "log");

        Assert.Multiple(() =>
        {
            Assert.That(rootEntry.EntryType, Is.EqualTo(3));
            Assert.That(rootEntry.GetString("trace_id"), Is.EqualTo(rootTrace));
            Assert.That(rootEntry.GetString("span_id"), Is.EqualTo(rootSpan));
            Assert.That(rootEntry.Json.TryGetProperty("parent_span_id", out _), Is.False);
            Assert.That(rootEntry.GetString("name"), Is.EqualTo("GET /orders"));
            Assert.That(rootEntry.GetString("status"), Is.EqualTo("ok"));
            Assert.That(rootEntry.Attributes["http.method"], Is.EqualTo("GET"));
            Assert.That(rootEntry.Json.GetProperty("duration_ms").GetInt64(), Is.GreaterThanOrEqualTo(0));
            Assert.That(childEntry.GetString("trace_id"), Is.EqualTo(rootTrace));
            Assert.That(childEntry.GetString("span_id"), Is.EqualTo(childSpan));
            Assert.That(childEntry.GetString("parent_span_id"), Is.EqualTo(rootSpan));
            Assert.That(childEntry.GetString("status"), Is.EqualTo("error"));
            Assert.That(childEntry.Attributes["error.message"], Is.EqualTo("db timeout"));
            Assert.That(rootEntry.Attributes.Keys, Has.None.EqualTo("trace_id").And.None.EqualTo("span_id"), "a span never carries the flow's ids as attributes");
            Assert.That(childEntry.Attributes.Keys, Has.None.EqualTo("trace_id").And.None.EqualTo("span_id"), "the child ends inside the root span: its ids are the flow's");
            Assert.That(inside.Attributes["trace_id"], Is.EqualTo(rootTrace));
            Assert.That(inside.Attributes["span_id"], Is.EqualTo(childSpan));
            Assert.That(System.Diagnostics.Activity.Current, Is.Null, "the span restores the previous activity");
        });
    }

    [Test]
    public async Task HelperEvents_AreReadableForOtherAppenders_AndTheirPropertiesDoNotLeak()
    {
        using var harness = Log4NetHarness.Start(Server.BaseUrl, otherAppenderXml: MemoryAppenderXml, otherAppenderNames: "Memory");
        var log = harness.Logger("Readable");
        log.Counter("jobs.done", 3);
        log.Audit("user.invited", "usr_1", "user", "usr_2");
        log.Info("plain afterwards");

        await WaitForAsync(harness.ApiKey, 3);
        var memory = harness.Repository.GetAppenders().OfType<Appender.MemoryAppender>().Single();
        var events = memory.GetEvents();

        Assert.Multiple(() =>
        {
            Assert.That(events.Select(e => e.RenderedMessage), Is.EqualTo(new[]
            {
                "Metric jobs.done counter 3",
                "Audit user.invited by usr_1 on user usr_2: success",
                "plain afterwards",
            }));
            Assert.That(events[0].Level, Is.EqualTo(Level.Info));
            Assert.That(events[1].Level, Is.EqualTo(Level.Notice));
            Assert.That(events[2].GetProperties().Contains("LogFluxKind"), Is.False);
            Assert.That(ThreadContext.Properties["LogFluxKind"], Is.Null);
        });
    }

    [Test]
    public async Task Helpers_RespectTheLoggerLevel()
    {
        using var harness = Log4NetHarness.Start(Server.BaseUrl);
        harness.Logger("Quiet").Logger.Repository!.Threshold = Level.Warn;
        var log = harness.Logger("Quiet");
        log.Counter("filtered.out");
        log.Audit("still.filtered", "a", "b", "c");
        log.Warn("kept");

        var entries = await WaitForAsync(harness.ApiKey, 1);
        Assert.That(harness.Appender.Flush(5000), Is.True);

        Assert.That(Server.Entries.Where(e => e.ApiKey == harness.ApiKey).Select(e => e.Message ?? e.Type), Is.EqualTo(new[] { "kept" }));
        Assert.That(entries[0].Level, Is.EqualTo(5));
    }

    [Test]
    public void Helpers_NeverThrow_EvenWithNullArguments()
    {
        ILog? missing = null;
        Assert.DoesNotThrow(() =>
        {
            missing!.Counter("x");
            missing!.Event(null!);
            using var span = missing!.StartSpan(null!, null!);
            span.SetAttribute(null!, 1).SetStatus("bogus");
        });
        Assert.That(System.Diagnostics.Activity.Current, Is.Null);
    }
}
