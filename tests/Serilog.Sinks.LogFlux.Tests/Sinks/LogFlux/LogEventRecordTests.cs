using System.Diagnostics;
using LogFlux.Sinks;
using LogFlux.Sinks.Records;
using Serilog.Context;
using Serilog.Events;
using Serilog.Sinks.LogFlux.Tests.Support;

namespace Serilog.Sinks.LogFlux.Tests.Sinks.LogFlux;

/// <summary>Plain events are written on the sender straight from the Serilog event; the result must equal the converted entry.</summary>
[TestFixture]
public sealed class LogEventRecordTests : ReceiverTestBase
{
    private sealed record Order(string Id, decimal Total, string? Coupon, string[] Items);

    private enum Shipping { Express }

    [Test]
    public async Task Events_written_on_the_sender_equal_their_converted_entries()
    {
        var collected = new CollectingSink();
        var logger = CreateLogger(c => c.Enrich.FromLogContext().Enrich.WithProperty("Application", "orders-api").WriteTo.Sink(collected));
        using var activity = new Activity("request").SetIdFormat(ActivityIdFormat.W3C).Start();

        logger.ForContext("SourceContext", "Orders.Checkout").Information("scalars {Int} {Long} {Double} {Bool} {Text} {Nothing}", 42, 7L, 0.1, true, "acme", null);
        logger.Information("kinds {When} {Span} {Id} {Kind} {Money}", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), TimeSpan.FromSeconds(90), Guid.Empty, Shipping.Express, 12.50m);
        logger.Information("structures {@Order} {Tags} {Map}", new Order("o-1", 9.99m, null, ["a", "b"]), new[] { 1, 2 }, new Dictionary<string, int> { ["x"] = 1 });
        using (LogContext.PushProperty("RequestId", "req-7"))
        {
            logger.Warning("with context {trace_id}", "explicit-trace");
        }
        logger.Information("lone surrogate {Broken}", "a\uD800b");

        var converter = new LogEventConverter(LevelMapping.Default, includeMessageTemplate: true);
        var events = collected.Events;
        Assert.That(events, Has.Count.EqualTo(5));
        foreach (var logEvent in events)
        {
            var record = converter.ToRecord(logEvent);
            Assert.That((record.Exception, record.HelperKind), Is.EqualTo(((Exception?)null, (string?)null)));
            var expected = (LogEntry)RecordAttributes.ToEntry(record);
            var received = await Receive(e => e.Attributes.TryGetValue("message_template", out var t) && t == logEvent.MessageTemplate.Text);
            Assert.Multiple(() =>
            {
                Assert.That(received.Message, Is.EqualTo(expected.Message.Replace('\uD800', '\uFFFD')), logEvent.MessageTemplate.Text);
                Assert.That(received.Logger, Is.EqualTo(expected.Logger));
                Assert.That(received.Level, Is.EqualTo((int)expected.Level));
                Assert.That(received.Attributes, Is.EquivalentTo(expected.Attributes!.ToDictionary(p => p.Key, p => p.Value.Replace('\uD800', '\uFFFD'))));
            });
        }
    }

    [Test]
    public void Events_with_an_exception_or_a_helper_marker_are_recognised_on_the_logging_thread()
    {
        var collected = new CollectingSink();
        var logger = new LoggerConfiguration().WriteTo.Sink(collected).CreateLogger();
        logger.Error(new InvalidOperationException("boom"), "failed");
        logger.Information("Metric {LogFluxKind}", "metric");
        logger.Information("plain");

        var converter = new LogEventConverter(LevelMapping.Default, includeMessageTemplate: false);
        var records = collected.Events.Select(converter.ToRecord).ToList();
        Assert.That(records.Select(r => (r.Exception is not null, r.HelperKind)), Is.EqualTo(new[] { (true, (string?)null), (false, "metric"), (false, null) }));
    }
}
