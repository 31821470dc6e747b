using System.Diagnostics;
using LogFlux.Sinks.Testing;

namespace LogFlux.Sinks.Core.Tests.Hostile;

/// <summary>
/// Seeded fuzzing of the receiver's ingest parsing over HTTP: mutations of a real client request body never
/// produce a 5xx or a dropped connection: only 2xx, 400, 401 (a part's key id was edited into an unknown one,
/// docs/protocol.md#test-receiver) or 413.
/// </summary>
public class MultipartFuzzTests
{
    private const int Seed = 20240611;
    private const int MaxRequests = 400;
    private static readonly TimeSpan s_budget = TimeSpan.FromSeconds(2);

    [Test]
    public async Task Mutated_ingest_bodies_get_a_client_error_or_success_never_a_server_error()
    {
        await using var server = await LogFluxTestServer.StartAsync();
        var capture = new CapturingHandler();
        await using (var client = new LogFluxClient(new LogFluxOptions
        {
            ApiKey = "eu-lf_fuzzmultipart_0123456789",
            CustomEndpointUrl = server.BaseUrl,
            KeyPersistence = false,
            EnableCompression = false,
            FlushInterval = TimeSpan.FromMilliseconds(20),
            ShutdownTimeout = TimeSpan.FromSeconds(5),
            CreateHttpMessageHandler = () => capture,
        }))
        {
            client.Info("seed one", new Dictionary<string, string> { ["k"] = "v" });
            client.Gauge("seed.gauge", 1.5);
            Assert.That(await client.FlushAsync(HostileClient.Wait), Is.True);
        }
        var valid = await capture.Captured.WaitAsync(HostileClient.Wait);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var random = new Random(Seed);
        var statuses = new SortedDictionary<int, int>();
        var watch = Stopwatch.StartNew();
        var sent = 0;
        while (sent < MaxRequests && watch.Elapsed < s_budget)
        {
            var body = Mutations.Mutate(valid.Body, random);
            using var request = valid.WithBody(body);
            using var response = await http.SendAsync(request);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            sent++;
            Assert.That(status is (>= 200 and < 300) or 400 or 401 or 413, $"mutation {sent} (seed {Seed}) got {status}");
        }
        TestContext.Out.WriteLine($"{sent} mutated requests in {watch.ElapsedMilliseconds} ms: {string.Join(", ", statuses.Select(p => $"{p.Key}×{p.Value}"))}");
        Assert.That(sent, Is.GreaterThan(10));

        using var original = valid.WithBody(valid.Body);
        using var replay = await http.SendAsync(original);
        Assert.That((int)replay.StatusCode, Is.LessThan(500), "the receiver still answers after the fuzz run");
    }
}
