using System.Diagnostics;
using System.Text.Json;
using NLog.Targets.LogFlux.Tests.Support;

namespace NLog.Targets.LogFlux.Tests.Mapping;

/// <summary>Real NLog pipeline from XML → LogFlux target → HTTP → decrypted entry at the test server.</summary>
public sealed class EventMappingTests
{
    [TestCase("Trace", 8)]
    [TestCase("Debug", 8)]
    [TestCase("Info", 7)]
    [TestCase("Warn", 5)]
    [TestCase("Error", 4)]
    [TestCase("Fatal", 3)]
    public async Task Every_NLog_level_arrives_with_its_LogFlux_level(string levelName, int expected)
    {
        await using var h = await NLogHarness.StartAsync();
        var logger = h.Load(h.Config()).GetLogger("Shop.Levels");

        logger.Log(LogLevel.FromString(levelName), "level {0}", levelName);

        var entry = await h.WaitForMessageAsync($"level {levelName}");
        Assert.That(entry.Level, Is.EqualTo(expected));
        Assert.That(entry.Type, Is.EqualTo("log"));
        Assert.That(entry.Logger, Is.EqualTo("Shop.Levels"));
    }

    [Test]
    public async Task Message_logger_timestamp_and_event_properties_are_mapped()
    {
        await using var h = await NLogHarness.StartAsync();
        var logger = h.Load(h.Config()).GetLogger("Shop.Orders");
        var timestamp = new DateTime(2026, 1, 15, 10, 30, 0, 123, DateTimeKind.Utc);
        var logEvent = LogEventInfo.Create(LogLevel.Info, "Shop.Orders", null, "Order {OrderId} of {Total} paid {Paid} items {Items}",
            new object[] { "ord-1", 12.5m, true, new[] { 1, 2 } });
        logEvent.TimeStamp = timestamp;
        logEvent.Properties["Tags"] = new Dictionary<string, object> { ["a"] = 1 };

        logger.Log(logEvent);

        var entry = await h.WaitForAsync(e => e.Attributes.ContainsKey("OrderId"));
        Assert.That(entry.Message, Is.EqualTo("Order ord-1 of 12.5 paid true items 1, 2"));
        Assert.That(entry.Ts, Is.EqualTo("2026-01-15T10:30:00.123Z"));
        Assert.That(entry.Logger, Is.EqualTo("Shop.Orders"));
        Assert.That(entry.Attributes["OrderId"], Is.EqualTo("ord-1"));
        Assert.That(entry.Attributes["Total"], Is.EqualTo("12.5"));
        Assert.That(entry.Attributes["Paid"], Is.EqualTo("true"));
        Assert.That(entry.Attributes["Items"], Is.EqualTo("[1,2]"));
        Assert.That(entry.Attributes["Tags"], Is.EqualTo("{\"a\":1}"));
    }

    [Test]
    public async Task Objects_captured_with_the_at_operator_become_compact_json()
    {
        await using var h = await NLogHarness.StartAsync();
        var logger = h.Load(h.Config()).GetLogger("Shop");

        logger.Info("Placed {@Order}", new OrderSample { Id = "o-7", Quantity = 3 });

        var entry = await h.WaitForAsync(e => e.Attributes.ContainsKey("Order"));
        using var json = JsonDocument.Parse(entry.Attributes["Order"]);
        Assert.That(json.RootElement.GetProperty("Id").GetString(), Is.EqualTo("o-7"));
        Assert.That(json.RootElement.GetProperty("Quantity").GetInt32(), Is.EqualTo(3));
    }

    [Test]
    public async Task Scope_properties_are_attributes_and_event_properties_win()
    {
        await using var h = await NLogHarness.StartAsync();
        var logger = h.Load(h.Config()).GetLogger("Shop");

        using (ScopeContext.PushProperty("RequestId", "req-9"))
        using (ScopeContext.PushProperty("Tenant", "scope"))
        {
            logger.Info("scoped {Tenant}", "event");
        }

        var entry = await h.WaitForMessageAsync("scoped event");
        Assert.That(entry.Attributes["RequestId"], Is.EqualTo("req-9"));
        Assert.That(entry.Attributes["Tenant"], Is.EqualTo("event"));
    }

    [Test]
    public async Task Gdc_values_arrive_through_a_contextproperty()
    {
        await using var h = await NLogHarness.StartAsync();
        GlobalDiagnosticsContext.Set("LogFluxTestApp", "shop-" + h.ApiKey[^6..]);
        try
        {
            var logger = h.Load(h.Config(targetBody: "<contextproperty name='app' layout='${gdc:item=LogFluxTestApp}' />")).GetLogger("Shop");
            logger.Info("with gdc");

            var entry = await h.WaitForMessageAsync("with gdc");
            Assert.That(entry.Attributes["app"], Is.EqualTo("shop-" + h.ApiKey[^6..]));
        }
        finally
        {
            GlobalDiagnosticsContext.Remove("LogFluxTestApp");
        }
    }

    [Test]
    public async Task Excluded_properties_and_disabled_scope_properties_are_left_out()
    {
        await using var h = await NLogHarness.StartAsync();
        var logger = h.Load(h.Config("excludeProperties='Secret' includeScopeProperties='false'")).GetLogger("Shop");

        using (ScopeContext.PushProperty("RequestId", "req-1"))
        {
            logger.Info("filtered {Secret} {Kept}", "s3cr3t", "k");
        }

        var entry = await h.WaitForAsync(e => e.Attributes.ContainsKey("Kept"));
        Assert.That(entry.Attributes.ContainsKey("Secret"), Is.False);
        Assert.That(entry.Attributes.ContainsKey("RequestId"), Is.False);
    }

    [Test]
    public async Task An_exception_with_inner_exceptions_becomes_an_error_capture_at_the_mapped_level()
    {
        await using var h = await NLogHarness.StartAsync();
        var logger = h.Load(h.Config()).GetLogger("Shop.Checkout");
        var error = Thrown(() => throw new InvalidOperationException("outer failure", new KeyNotFoundException("inner missing")));

        logger.Warn(error, "checkout failed for {Cart}", "c-1");

        var entry = await h.WaitForAsync(e => e.Attributes.ContainsKey("Cart"));
        Assert.That(entry.Type, Is.EqualTo("log"));
        Assert.That(entry.Level, Is.EqualTo(5), "the level stays the mapped NLog level");
        Assert.That(entry.Message, Is.EqualTo("checkout failed for c-1"));
        Assert.That(entry.GetString("error_type"), Is.EqualTo("System.InvalidOperationException"));
        Assert.That(entry.GetString("error_message"), Is.EqualTo("outer failure"));
        var chain = entry.Json.GetProperty("error_chain");
        Assert.That(chain.GetArrayLength(), Is.EqualTo(2));
        Assert.That(chain[1].GetProperty("type").GetString(), Is.EqualTo("System.Collections.Generic.KeyNotFoundException"));
        Assert.That(chain[1].GetProperty("message").GetString(), Is.EqualTo("inner missing"));
        Assert.That(entry.Json.GetProperty("stack_trace").GetArrayLength(), Is.GreaterThan(0));
    }

    [Test]
    public async Task Earlier_events_travel_as_breadcrumbs_of_an_error()
    {
        await using var h = await NLogHarness.StartAsync();
        var logger = h.Load(h.Config()).GetLogger("Shop");

        logger.Info("loading cart");
        logger.Error(new InvalidOperationException("boom"), "failed");

        var entry = await h.WaitForMessageAsync("failed");
        var crumbs = entry.Json.GetProperty("breadcrumbs");
        Assert.That(crumbs.EnumerateArray().Select(c => c.GetProperty("message").GetString()), Does.Contain("loading cart"));
    }

    [Test]
    public async Task The_message_layout_is_configurable()
    {
        await using var h = await NLogHarness.StartAsync();
        var logger = h.Load(h.Config("message='${level:uppercase=true}: ${message}'")).GetLogger("Shop");

        logger.Warn("careful");

        var entry = await h.WaitForMessageAsync("WARN: careful");
        Assert.That(entry.Level, Is.EqualTo(5));
    }

    [Test]
    public async Task The_level_mapping_can_be_overridden()
    {
        await using var h = await NLogHarness.StartAsync();
        var logger = h.Load(h.Config("levelMapping='Fatal=Emergency;Info=Notice'")).GetLogger("Shop");

        logger.Fatal("down");
        logger.Info("noted");

        Assert.That((await h.WaitForMessageAsync("down")).Level, Is.EqualTo(1));
        Assert.That((await h.WaitForMessageAsync("noted")).Level, Is.EqualTo(6));
    }

    [Test]
    public async Task An_event_inside_an_activity_carries_its_trace_and_span_id()
    {
        await using var h = await NLogHarness.StartAsync();
        var logger = h.Load(h.Config()).GetLogger("Shop");
        using var activity = new Activity("checkout").SetIdFormat(ActivityIdFormat.W3C).Start();

        logger.Info("in activity");

        var entry = await h.WaitForMessageAsync("in activity");
        Assert.That(entry.Attributes["trace_id"], Is.EqualTo(activity.TraceId.ToHexString()));
        Assert.That(entry.Attributes["span_id"], Is.EqualTo(activity.SpanId.ToHexString()));
    }

    private static Exception Thrown(Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex)
        {
            return ex;
        }
        throw new AssertionException("expected an exception");
    }

    private sealed class OrderSample
    {
        public string Id { get; set; } = "";

        public int Quantity { get; set; }
    }
}
