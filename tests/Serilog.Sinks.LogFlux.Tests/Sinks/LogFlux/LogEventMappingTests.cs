using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Serilog.Context;
using Serilog.Core;
using Serilog.Events;
using Serilog.Sinks.LogFlux.Tests.Support;

namespace Serilog.Sinks.LogFlux.Tests.Sinks.LogFlux;

[TestFixture]
public sealed class LogEventMappingTests : ReceiverTestBase
{
    private sealed record Order(string Id, decimal Total, string? Coupon, string[] Items);

    private enum Shipping { Express }

    [Test]
    public async Task Every_level_is_mapped_per_protocol_7_2()
    {
        var logger = CreateLogger();
        logger.Verbose("level verbose");
        logger.Debug("level debug");
        logger.Information("level information");
        logger.Warning("level warning");
        logger.Error("level error");
        logger.Fatal("level fatal");

        var expected = new Dictionary<string, int>
        {
            ["level verbose"] = 8, ["level debug"] = 8, ["level information"] = 7,
            ["level warning"] = 5, ["level error"] = 4, ["level fatal"] = 3,
        };
        foreach (var pair in expected)
        {
            var entry = await ReceiveMessage(pair.Key);
            Assert.That(entry.Level, Is.EqualTo(pair.Value), pair.Key);
            Assert.That(entry.Type, Is.EqualTo("log"));
        }
    }

    [Test]
    public async Task Message_is_rendered_invariantly_with_template_logger_and_event_timestamp()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            var logger = CreateLogger();
            var before = DateTimeOffset.UtcNow;
            logger.ForContext<LogEventMappingTests>().Information("Paid {Amount} on {Day}", 1234.5, new DateTime(2026, 1, 15, 10, 30, 0, DateTimeKind.Utc));

            var entry = await Receive(e => e.Attributes.ContainsKey("Amount"));
            Assert.That(entry.Message, Is.EqualTo("Paid 1234.5 on 01/15/2026 10:30:00"));
            Assert.That(entry.Attributes["message_template"], Is.EqualTo("Paid {Amount} on {Day}"));
            Assert.That(entry.Attributes["Amount"], Is.EqualTo("1234.5"));
            Assert.That(entry.Attributes["Day"], Is.EqualTo("2026-01-15T10:30:00.000Z"));
            Assert.That(entry.Logger, Is.EqualTo(typeof(LogEventMappingTests).FullName));
            Assert.That(entry.Attributes.ContainsKey("SourceContext"), Is.False, "SourceContext becomes the logger field");
            var ts = DateTimeOffset.Parse(entry.Ts, CultureInfo.InvariantCulture);
            Assert.That(ts, Is.EqualTo(before).Within(TimeSpan.FromSeconds(5)));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Test]
    public async Task Context_and_enricher_properties_become_attributes_and_event_properties_win()
    {
        var logger = CreateLogger(c => c.Enrich.FromLogContext().Enrich.WithProperty("app", "shop").Enrich.WithProperty("region", "enriched"));
        using (LogContext.PushProperty("request_id", "req-7"))
        using (LogContext.PushProperty("attempt", 3))
        {
            logger.Information("Order for {region}", "explicit");
        }

        var entry = await Receive(e => e.Attributes.ContainsKey("request_id"));
        Assert.That(entry.Attributes["request_id"], Is.EqualTo("req-7"));
        Assert.That(entry.Attributes["attempt"], Is.EqualTo("3"));
        Assert.That(entry.Attributes["app"], Is.EqualTo("shop"));
        Assert.That(entry.Attributes["region"], Is.EqualTo("explicit"));
    }

    [Test]
    public async Task Structured_values_are_compact_json_and_nulls_are_omitted()
    {
        var logger = CreateLogger();
        var order = new Order("ord_1", 12.5m, null, ["book", "pen"]);
        logger.Information("Placed {@Order} with {Tags} and {Counts} via {Shipping}, coupon {Coupon}",
            order, new List<string> { "a", "b" }, new Dictionary<string, int> { ["x"] = 1, ["y"] = 2 }, Shipping.Express, (string?)null);

        var entry = await Receive(e => e.Attributes.ContainsKey("Order"));
        using var json = JsonDocument.Parse(entry.Attributes["Order"]);
        var root = json.RootElement;
        Assert.That(root.GetProperty("$type").GetString(), Is.EqualTo("Order"));
        Assert.That(root.GetProperty("Id").GetString(), Is.EqualTo("ord_1"));
        Assert.That(root.GetProperty("Total").GetDecimal(), Is.EqualTo(12.5m));
        Assert.That(root.TryGetProperty("Coupon", out _), Is.False, "null members are omitted");
        Assert.That(root.GetProperty("Items").EnumerateArray().Select(i => i.GetString()), Is.EqualTo(new[] { "book", "pen" }));
        Assert.That(entry.Attributes["Tags"], Is.EqualTo("[\"a\",\"b\"]"));
        Assert.That(entry.Attributes["Counts"], Is.EqualTo("{\"x\":1,\"y\":2}"));
        Assert.That(entry.Attributes["Shipping"], Is.EqualTo("Express"));
        Assert.That(entry.Attributes.ContainsKey("Coupon"), Is.False, "a null property is omitted");
    }

    [Test]
    public async Task Exception_becomes_error_fields_while_message_and_level_stay()
    {
        var logger = CreateLogger();
        Exception captured;
        try
        {
            try
            {
                throw new KeyNotFoundException("no such key");
            }
            catch (Exception inner)
            {
                throw new InvalidOperationException("outer failure", inner);
            }
        }
        catch (Exception ex)
        {
            captured = ex;
        }
        logger.Warning(captured, "Lookup for {Key} failed", "k1");

        var entry = await Receive(e => e.Attributes.GetValueOrDefault("Key") == "k1");
        Assert.That(entry.Message, Is.EqualTo("Lookup for \"k1\" failed"));
        Assert.That(entry.Level, Is.EqualTo(5));
        Assert.That(entry.GetString("error_type"), Is.EqualTo("System.InvalidOperationException"));
        Assert.That(entry.GetString("error_message"), Is.EqualTo("outer failure"));
        var chain = entry.Json.GetProperty("error_chain").EnumerateArray().Select(l => l.GetProperty("type").GetString()).ToList();
        Assert.That(chain, Is.EqualTo(new[] { "System.InvalidOperationException", "System.Collections.Generic.KeyNotFoundException" }));
        var frames = entry.Json.GetProperty("stack_trace").EnumerateArray().ToList();
        Assert.That(frames, Is.Not.Empty);
        Assert.That(frames[0].GetProperty("function").GetString(), Does.Contain(nameof(Exception_becomes_error_fields_while_message_and_level_stay)));
    }

    [Test]
    public async Task Earlier_events_travel_as_breadcrumbs_of_an_error()
    {
        var logger = CreateLogger();
        logger.Debug("debug is no breadcrumb");
        logger.Information("loading cart {Cart}", "c_77");
        logger.Warning("slow payment");
        logger.Error(new InvalidOperationException("declined"), "checkout failed");

        var entry = await ReceiveMessage("checkout failed");
        var crumbs = entry.Json.GetProperty("breadcrumbs").EnumerateArray()
            .Select(b => (b.GetProperty("message").GetString(), b.GetProperty("level").GetString())).ToList();
        Assert.That(crumbs, Does.Contain(("loading cart \"c_77\"", "info")));
        Assert.That(crumbs, Does.Contain(("slow payment", "warning")));
        Assert.That(crumbs.Select(c => c.Item1), Does.Not.Contain("debug is no breadcrumb"));
    }

    [Test]
    public async Task Aggregate_exception_follows_its_first_inner_exception()
    {
        var logger = CreateLogger();
        var aggregate = new AggregateException("many", new TimeoutException("first"), new ArgumentException("second"));
        logger.Error(aggregate, "Batch failed");

        var entry = await ReceiveMessage("Batch failed");
        Assert.That(entry.Level, Is.EqualTo(4));
        Assert.That(entry.GetString("error_type"), Is.EqualTo("System.AggregateException"));
        var chain = entry.Json.GetProperty("error_chain").EnumerateArray().Select(l => l.GetProperty("type").GetString()).ToList();
        Assert.That(chain, Is.EqualTo(new[] { "System.AggregateException", "System.TimeoutException" }));
    }

    [Test]
    public async Task Trace_and_span_ids_come_from_the_activity_current_on_the_logging_thread()
    {
        var logger = CreateLogger();
        using (var activity = new Activity("checkout").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            logger.Information("inside activity");
            var traceId = activity.TraceId.ToHexString();
            var spanId = activity.SpanId.ToHexString();

            var entry = await ReceiveMessage("inside activity");
            Assert.That(entry.Attributes["trace_id"], Is.EqualTo(traceId));
            Assert.That(entry.Attributes["span_id"], Is.EqualTo(spanId));
        }

        logger.Information("outside activity");
        var outside = await ReceiveMessage("outside activity");
        Assert.That(outside.Attributes.ContainsKey("trace_id"), Is.False);
    }

    [Test]
    public async Task Restricted_minimum_level_and_level_switch_filter_before_the_sink()
    {
        var levelSwitch = new LoggingLevelSwitch(LogEventLevel.Warning);
        var logger = Track(new LoggerConfiguration().MinimumLevel.Verbose()
            .WriteTo.LogFlux(o => ConfigureForServer(o.Client), levelSwitch: levelSwitch)
            .WriteTo.LogFlux(o => ConfigureForServer(o.Client), restrictedToMinimumLevel: LogEventLevel.Error)
            .CreateLogger());

        logger.Information("switch info dropped");
        logger.Warning("switch warning kept");
        levelSwitch.MinimumLevel = LogEventLevel.Debug;
        logger.Debug("switch debug kept");
        logger.Error("error seen by both");
        logger.Dispose();

        var messages = Received().Select(e => e.Message).ToList();
        Assert.That(messages, Does.Not.Contain("switch info dropped"));
        Assert.That(messages, Does.Contain("switch warning kept"));
        Assert.That(messages, Does.Contain("switch debug kept"));
        Assert.That(messages.Count(m => m == "error seen by both"), Is.EqualTo(2), "both sinks share one client and each sends its copy");
        Assert.That(messages.Count(m => m == "switch warning kept"), Is.EqualTo(1), "the Error-restricted sink did not get the warning");
    }

    [Test]
    public async Task Level_mapping_overrides_and_message_template_can_be_configured()
    {
        var logger = CreateLogger(options: o =>
        {
            o.LevelMapping = "Information=Notice; Fatal=1";
            o.IncludeMessageTemplate = false;
        });
        logger.Information("mapped info");
        logger.Fatal("mapped fatal");
        logger.Warning("default warning");

        Assert.That((await ReceiveMessage("mapped info")).Level, Is.EqualTo(6));
        Assert.That((await ReceiveMessage("mapped fatal")).Level, Is.EqualTo(1));
        var warning = await ReceiveMessage("default warning");
        Assert.That(warning.Level, Is.EqualTo(5));
        Assert.That(warning.Attributes.ContainsKey("message_template"), Is.False);
    }
}
