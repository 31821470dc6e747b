using System.Diagnostics.Metrics;
using System.Globalization;
using LogFlux.OpenTelemetry.Tests.Support;
using LogFlux.Sinks.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace LogFlux.OpenTelemetry.Tests.EndToEnd;

/// <summary>Known requests through the real SDK's ASP.NET Core metrics and a custom counter; the expected entries are computed from them.</summary>
public sealed class MetricsTests : ReceiverTestBase
{
    private const string DurationMetric = "http.server.request.duration";

    [Test]
    public async Task Request_durations_arrive_as_distributions_and_a_counter_as_its_increases_without_double_counting()
    {
        using var meter = new Meter("LogFlux.OpenTelemetry.Tests.Orders." + Guid.NewGuid().ToString("N"));
        var checkouts = meter.CreateCounter<long>("orders.checked_out", unit: "{order}");
        using var metrics = Sdk.CreateMeterProviderBuilder()
            .AddAspNetCoreInstrumentation()
            .AddMeter(meter.Name)
            .AddLogFluxExporter(o => UseReceiver(o))
            .Build();
        await using var service = await WebService.StartAsync(app =>
        {
            app.MapGet("/checkout/{items}", (int items) =>
            {
                checkouts.Add(items, new KeyValuePair<string, object?>("region", "eu"));
                return Results.Text("ok");
            });
            app.MapGet("/missing", () => Results.NotFound());
        });
        using var http = new HttpClient { BaseAddress = new Uri(service.BaseUrl) };
        int[] items = [2, 3, 5];

        foreach (var n in items) await http.GetStringAsync("/checkout/" + n);
        Assert.That(metrics.ForceFlush(FlushTimeoutMilliseconds), Is.True, "first export");
        await http.GetAsync("/missing");
        await http.GetStringAsync("/checkout/7");
        Assert.That(metrics.ForceFlush(FlushTimeoutMilliseconds), Is.True, "second export");

        // Each export sends the increase since the previous one: 2+3+5, then 7, never the running total twice.
        var counters = await ReceiveAll(e => e.GetString("name") == "orders.checked_out", 2);
        Assert.Multiple(() =>
        {
            Assert.That(counters.Select(c => c.GetString("kind")), Is.All.EqualTo("counter"));
            Assert.That(counters.Select(c => c.Value()), Is.EqualTo(new[] { 10.0, 7.0 }));
            Assert.That(counters.Select(c => c.GetString("unit")), Is.All.EqualTo("{order}"));
            Assert.That(counters.Select(c => c.Attribute("region")), Is.All.EqualTo("eu"));
        });

        var checkoutDurations = (await ReceiveAll(e => e.GetString("name") == DurationMetric && e.Attribute("http.route") == "/checkout/{items}", 2)).ToList();
        var missing = await Receive(e => e.GetString("name") == DurationMetric && e.Attribute("http.route") == "/missing");
        Assert.Multiple(() =>
        {
            Assert.That(checkoutDurations.Select(d => d.Attribute("histogram.count")), Is.EqualTo(new[] { "3", "1" }), "3 checkouts, then 1");
            Assert.That(missing.Attribute("histogram.count"), Is.EqualTo("1"));
            Assert.That(missing.Attribute("http.response.status_code"), Is.EqualTo("404"));
            foreach (var d in checkoutDurations.Append(missing))
            {
                Assert.That(d.GetString("kind"), Is.EqualTo("distribution"));
                Assert.That(d.GetString("unit"), Is.EqualTo("s"));
                Assert.That(d.Attribute("http.request.method"), Is.EqualTo("GET"));
                var count = Number(d, "histogram.count");
                var sum = Number(d, "histogram.sum");
                Assert.That(d.Value(), Is.EqualTo(sum / count).Within(1e-12), "the value is the mean");
                Assert.That(Number(d, "histogram.min"), Is.LessThanOrEqualTo(d.Value() + 1e-12));
                Assert.That(Number(d, "histogram.max"), Is.GreaterThanOrEqualTo(d.Value() - 1e-12));
                Assert.That(BucketCounts(d.Attribute("histogram.buckets")!).Sum(), Is.EqualTo(count), "bucket counts add up to the count");
            }
        });
    }

    private async Task<IReadOnlyList<ReceivedEntry>> ReceiveAll(Func<ReceivedEntry, bool> predicate, int count)
    {
        var apiKey = ApiKey;
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            var matching = Server.Entries.Where(e => e.ApiKey == apiKey && e.Type == "metric" && predicate(e)).OrderBy(e => e.Ts, StringComparer.Ordinal).ToList();
            if (matching.Count >= count || DateTime.UtcNow > deadline) return matching;
            await Server.WaitForEntryAsync(e => e.ApiKey == apiKey && e.Type == "metric" && predicate(e) && !matching.Contains(e), Wait);
        }
    }

    private static double Number(ReceivedEntry entry, string attribute) =>
        double.Parse(entry.Attribute(attribute)!, CultureInfo.InvariantCulture);

    private static IEnumerable<long> BucketCounts(string buckets) =>
        buckets.Split(',').Select(pair => long.Parse(pair[(pair.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture));
}
