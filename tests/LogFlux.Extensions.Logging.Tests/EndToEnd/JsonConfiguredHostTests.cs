using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using LogFlux.Extensions.Logging.Tests.Support;
using LogFlux.Sinks;
using Microsoft.Extensions.Logging;

namespace LogFlux.Extensions.Logging.Tests.EndToEnd;

/// <summary>
/// A generic host configured only from appsettings.json (<c>Logging:LogFlux</c>) logs through <c>ILogger&lt;T&gt;</c>;
/// the real receiver decrypts what arrived.
/// </summary>
public sealed class JsonConfiguredHostTests : ReceiverTestBase
{
    [Test]
    public async Task Entries_carry_category_template_properties_event_id_scopes_exception_trace_ids_and_breadcrumbs()
    {
        string traceId, spanId;
        await using (var app = await JsonHost.StartAsync(AppSettings()))
        {
            var logger = app.Logger<JsonConfiguredHostTests>();
            using var activity = new Activity("checkout").SetIdFormat(ActivityIdFormat.W3C).Start();
            traceId = activity.TraceId.ToHexString();
            spanId = activity.SpanId.ToHexString();

            logger.LogInformation(new EventId(42, "OrderPlaced"), "Order {OrderId} placed for {Amount} EUR", "ord_1001", 99.5);
            // The provider's client is the shared client of its API key and endpoint; its own scopes apply as well.
            using var lease = LogFluxClientRegistry.Acquire(new LogFluxOptions { ApiKey = ApiKey, CustomEndpointUrl = Server.BaseUrl });
            using var clientScope = lease.Client.BeginScope().SetAttribute("tenant", "acme");
            using (logger.BeginScope(new Dictionary<string, object> { ["order_id"] = "ord_1002", ["OrderId"] = "outer" }))
            using (logger.BeginScope("Processing the payment"))
            {
                logger.LogWarning("Payment for {OrderId} is slow", "ord_1002");
                try
                {
                    throw new InvalidOperationException("card declined", new TimeoutException("no answer"));
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "Payment for {OrderId} failed", "ord_1002");
                }
            }
        }

        var category = typeof(JsonConfiguredHostTests).FullName;
        var placed = await Receive(e => e.Message == "Order ord_1001 placed for 99.5 EUR");
        var slow = await Receive(e => e.Message == "Payment for ord_1002 is slow");
        var failed = await Receive(e => e.Message == "Payment for ord_1002 failed");
        Assert.Multiple(() =>
        {
            Assert.That(placed.Logger, Is.EqualTo(category));
            Assert.That(placed.Level, Is.EqualTo(7));
            Assert.That(placed.Source, Is.EqualTo("mel-tests"));
            Assert.That(placed.Attributes["message_template"], Is.EqualTo("Order {OrderId} placed for {Amount} EUR"));
            Assert.That(placed.Attributes["OrderId"], Is.EqualTo("ord_1001"));
            Assert.That(placed.Attributes["Amount"], Is.EqualTo("99.5"));
            Assert.That(placed.Attributes["event_id"], Is.EqualTo("42"));
            Assert.That(placed.Attributes["event_name"], Is.EqualTo("OrderPlaced"));
            Assert.That(placed.Attributes["trace_id"], Is.EqualTo(traceId));
            Assert.That(placed.Attributes["span_id"], Is.EqualTo(spanId));
            Assert.That(placed.Attributes.ContainsKey("{OriginalFormat}"), Is.False);

            Assert.That(slow.Level, Is.EqualTo(5));
            Assert.That(slow.Attributes["order_id"], Is.EqualTo("ord_1002"), "dictionary scope → attributes");
            Assert.That(slow.Attributes["OrderId"], Is.EqualTo("ord_1002"), "the event's own property wins over the scope's");
            Assert.That(slow.Attributes["scopes"], Is.EqualTo("[\"Processing the payment\"]"), "other scopes → a list");
            Assert.That(slow.Attributes["trace_id"], Is.EqualTo(traceId));
            Assert.That(slow.Attributes["tenant"], Is.EqualTo("acme"), "the LogFlux client's scope");
            Assert.That(placed.Attributes.ContainsKey("tenant"), Is.False);

            Assert.That(failed.Level, Is.EqualTo(4));
            Assert.That(failed.Logger, Is.EqualTo(category));
            Assert.That(failed.GetString("error_type"), Is.EqualTo("System.InvalidOperationException"));
            Assert.That(failed.Json.GetProperty("stack_trace").GetArrayLength(), Is.GreaterThan(0));
            Assert.That(failed.Json.GetProperty("error_chain").EnumerateArray().Select(l => l.GetProperty("type").GetString()),
                Is.EqualTo(new[] { "System.InvalidOperationException", "System.TimeoutException" }));
            Assert.That(failed.Json.GetProperty("breadcrumbs").EnumerateArray().Select(b => b.GetProperty("message").GetString()),
                Does.Contain("Order ord_1001 placed for 99.5 EUR").And.Contain("Payment for ord_1002 is slow"));
            Assert.That(failed.Attributes["order_id"], Is.EqualTo("ord_1002"));
            Assert.That(failed.Attributes["tenant"], Is.EqualTo("acme"));
            Assert.That(failed.Attributes["trace_id"], Is.EqualTo(traceId));
        });
    }

    [Test]
    public async Task The_LogLevel_filter_of_the_LogFlux_section_applies()
    {
        await using (var app = await JsonHost.StartAsync(AppSettings(logLevels: "\"Default\": \"Information\", \"Noisy\": \"Error\"")))
        {
            var noisy = app.Host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Noisy.Component");
            var quiet = app.Logger<JsonConfiguredHostTests>();
            noisy.LogWarning("noisy warning");
            noisy.LogError("noisy error");
            quiet.LogDebug("quiet debug");
            quiet.LogInformation("quiet information");
        }

        await Receive(e => e.Message == "noisy error");
        await Receive(e => e.Message == "quiet information");
        // The host was disposed above, which flushed everything it had accepted.
        var ours = Received().Where(e => e.Logger is "Noisy.Component" || e.Logger == typeof(JsonConfiguredHostTests).FullName);
        Assert.That(ours.Select(e => e.Message), Is.EquivalentTo(new[] { "noisy error", "quiet information" }));
    }

    [Test]
    public async Task A_bad_value_and_a_misspelled_key_are_reported_at_start_up_and_the_app_keeps_logging()
    {
        await using (var app = await JsonHost.StartAsync(AppSettings(logFluxExtras: ", \"BatchSize\": \"lots\", \"FlushIntervall\": \"1s\"")))
        {
            var badValue = await app.HostLog.WaitForAsync(m => m.Category == LogFluxLoggerProvider.DiagnosticsCategory && m.Message.Contains("BatchSize"), Wait);
            var badKey = await app.HostLog.WaitForAsync(m => m.Category == LogFluxLoggerProvider.DiagnosticsCategory && m.Message.Contains("FlushIntervall"), Wait);
            Assert.That(badValue, Does.Contain("'lots'").And.Contain("whole number"));
            Assert.That(badKey, Does.Contain("unknown key").And.Contain("did you mean 'FlushInterval'"));
            app.Logger<JsonConfiguredHostTests>().LogInformation("still running");
        }

        await Receive(e => e.Message == "still running");
        Assert.That(Received().Where(e => e.Logger == LogFluxLoggerProvider.DiagnosticsCategory), Is.Empty, "the provider's own messages are never sent");
    }

    [Test]
    public async Task Client_diagnostics_reach_the_host_logging_and_never_come_back_through_the_provider()
    {
        await using (var app = await JsonHost.StartAsync(AppSettings(logFluxExtras: ", \"Debug\": \"true\"")))
        {
            app.Logger<JsonConfiguredHostTests>().LogInformation("with diagnostics");
            await Receive(e => e.Message == "with diagnostics");
            var handshake = await app.HostLog.WaitForAsync(m => m.Category == LogFluxLoggerProvider.DiagnosticsCategory && m.Message.Contains("Handshake complete"), Wait);
            Assert.That(handshake, Does.Contain(Server.BaseUrl));
        }

        Assert.That(Received().Where(e => e.Logger == LogFluxLoggerProvider.DiagnosticsCategory || (e.Message ?? "").Contains("Handshake")), Is.Empty,
            "no diagnostic was sent to LogFlux");
    }
}
