using System.Text.Json;
using LogFlux.Sinks.Testing;

namespace LogFlux.Sinks.Core.Tests.EndToEnd;

/// <summary>Every entry type through real HTTP, real handshake and real encryption to the test receiver.</summary>
public class ClientRoundTripTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private LogFluxTestServer _server = null!;

    [SetUp]
    public async Task StartServer() => _server = await LogFluxTestServer.StartAsync();

    [TearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    private LogFluxClient NewClient(Action<LogFluxOptions>? configure = null)
    {
        var options = new LogFluxOptions
        {
            ApiKey = "eu-lf_e2e_0123456789abcdef",
            CustomEndpointUrl = _server.BaseUrl,
            KeyPersistence = false,
            Source = "checkout-api",
            Environment = "production",
            Release = "1.4.2",
            FlushInterval = TimeSpan.FromMilliseconds(50),
            ShutdownTimeout = TimeSpan.FromSeconds(10),
        };
        configure?.Invoke(options);
        return new LogFluxClient(options);
    }

    [Test]
    public async Task Every_entry_type_arrives_decrypted_with_its_fields()
    {
        await using var client = NewClient();
        var levels = Enum.GetValues<LogFluxLevel>();
        foreach (var level in levels) client.Log(level, $"log at {(int)level}", new Dictionary<string, string> { ["n"] = ((int)level).ToString() });
        client.Counter("http.requests.total", attributes: new Dictionary<string, string> { ["method"] = "GET" });
        client.Gauge("cpu", 72.5, unit: "percent");
        client.Distribution("latency", 0.001, unit: "ms");
        using (var root = client.StartSpan("http.server", "GET /api/users", new Dictionary<string, string> { ["route"] = "/api/users" }))
        {
            using var child = root.StartChild("db.query", "SELECT * FROM users");
            child.SetError(new TimeoutException("db timeout"));
        }
        client.Event("user.signup", new Dictionary<string, string> { ["plan"] = "starter" });
        client.Audit("record.deleted", "usr_456", "invoice", "inv_789", new Dictionary<string, string> { ["reason"] = "customer_request" });
        client.Telemetry("dev_0042", new[] { new TelemetryReading("cpu_temp", 72.5, "celsius"), new TelemetryReading("fan_rpm", 1800) });
        client.TelemetryManaged("dev_0043", new[] { new TelemetryReading("battery", 0.93) });
        client.AddBreadcrumb("http", "GET /cart", new Dictionary<string, string> { ["status"] = "200" });
        client.CaptureError(Thrown(), new Dictionary<string, string> { ["sql"] = "SELECT ..." });

        const int expected = 8 + 3 + 2 + 1 + 1 + 2 + 1;
        Assert.That(await client.FlushAsync(Wait), Is.True);
        var received = await _server.WaitForEntriesAsync(expected, Wait);
        Assert.That(received, Has.Count.EqualTo(expected));

        Assert.Multiple(() =>
        {
            var logs = received.Where(e => e.Type == "log" && e.Json.TryGetProperty("error_type", out _) == false).ToList();
            Assert.That(logs.Select(e => e.Level).Order(), Is.EqualTo(Enumerable.Range(1, 8)));
            foreach (var log in logs)
            {
                Assert.That(log.Message, Is.EqualTo($"log at {log.Level}"));
                Assert.That(log.Attributes["n"], Is.EqualTo(log.Level.ToString()));
                Assert.That(log.Source, Is.EqualTo("checkout-api"));
                Assert.That(log.Meta["environment"], Is.EqualTo("production"));
                Assert.That(log.Meta["release"], Is.EqualTo("1.4.2"));
                Assert.That(log.EntryType, Is.EqualTo(1));
            }

            var metrics = received.Where(e => e.Type == "metric").ToDictionary(e => e.GetString("name")!);
            Assert.That(metrics["http.requests.total"].Json.GetProperty("kind").GetString(), Is.EqualTo("counter"));
            Assert.That(metrics["http.requests.total"].Json.GetProperty("value").GetDouble(), Is.EqualTo(1));
            Assert.That(metrics["http.requests.total"].Attributes["method"], Is.EqualTo("GET"));
            Assert.That(metrics["cpu"].Json.GetProperty("kind").GetString(), Is.EqualTo("gauge"));
            Assert.That(metrics["cpu"].Json.GetProperty("unit").GetString(), Is.EqualTo("percent"));
            Assert.That(metrics["latency"].Json.GetProperty("kind").GetString(), Is.EqualTo("distribution"));
            Assert.That(metrics["latency"].Json.GetProperty("value").GetDouble(), Is.EqualTo(0.001));

            var spans = received.Where(e => e.Type == "trace").ToDictionary(e => e.GetString("operation")!);
            var root = spans["http.server"];
            var childSpan = spans["db.query"];
            Assert.That(root.EntryType, Is.EqualTo(3));
            Assert.That(root.Json.TryGetProperty("parent_span_id", out _), Is.False);
            Assert.That(root.GetString("name"), Is.EqualTo("GET /api/users"));
            Assert.That(root.GetString("status"), Is.EqualTo("ok"));
            Assert.That(root.Attributes["route"], Is.EqualTo("/api/users"));
            Assert.That(childSpan.GetString("trace_id"), Is.EqualTo(root.GetString("trace_id")));
            Assert.That(childSpan.GetString("parent_span_id"), Is.EqualTo(root.GetString("span_id")));
            Assert.That(childSpan.GetString("status"), Is.EqualTo("error"));
            Assert.That(childSpan.Attributes["error.message"], Is.EqualTo("db timeout"));
            Assert.That(childSpan.Json.GetProperty("duration_ms").GetInt64(), Is.GreaterThanOrEqualTo(0));

            var evt = received.Single(e => e.Type == "event");
            Assert.That((evt.EntryType, evt.GetString("event"), evt.Attributes["plan"]), Is.EqualTo((4, "user.signup", "starter")));

            var audit = received.Single(e => e.Type == "audit");
            Assert.That((audit.EntryType, audit.Level), Is.EqualTo((5, 6)));
            Assert.That((audit.GetString("action"), audit.GetString("actor"), audit.GetString("resource"), audit.GetString("resource_id"), audit.GetString("outcome")),
                Is.EqualTo(("record.deleted", "usr_456", "invoice", "inv_789", "success")));

            var telemetry = received.Single(e => e.EntryType == 6);
            Assert.That(telemetry.Type, Is.EqualTo("telemetry"));
            Assert.That(telemetry.PayloadType, Is.EqualTo(1));
            Assert.That(telemetry.GetString("device_id"), Is.EqualTo("dev_0042"));
            var readings = telemetry.Json.GetProperty("readings").EnumerateArray().ToList();
            Assert.That(readings.Select(r => r.GetProperty("name").GetString()), Is.EqualTo(new[] { "cpu_temp", "fan_rpm" }));
            Assert.That(readings[0].GetProperty("unit").GetString(), Is.EqualTo("celsius"));
            Assert.That(readings[1].GetProperty("value").GetDouble(), Is.EqualTo(1800));

            var managed = received.Single(e => e.EntryType == 7);
            Assert.That((managed.Type, managed.PayloadType, managed.KeyId), Is.EqualTo(("telemetry", 3, (string?)null)));
            Assert.That(managed.GetString("device_id"), Is.EqualTo("dev_0043"));

            var error = received.Single(e => e.Json.TryGetProperty("error_type", out _));
            Assert.That((error.Type, error.Level), Is.EqualTo(("log", 4)));
            Assert.That(error.GetString("error_type"), Is.EqualTo("System.InvalidOperationException"));
            Assert.That(error.Message, Is.EqualTo("Sequence contains no elements"));
            Assert.That(error.GetString("error_message"), Is.EqualTo("Sequence contains no elements"));
            Assert.That(error.Attributes["sql"], Is.EqualTo("SELECT ..."));
            var frames = error.Json.GetProperty("stack_trace").EnumerateArray().ToList();
            Assert.That(frames[0].GetProperty("function").GetString(), Is.EqualTo($"{typeof(ClientRoundTripTests).FullName}.{nameof(Thrown)}"));
            Assert.That(frames[0].GetProperty("line").GetInt32(), Is.GreaterThan(0));
            var chain = error.Json.GetProperty("error_chain").EnumerateArray().Select(l => l.GetProperty("type").GetString()).ToList();
            Assert.That(chain, Is.EqualTo(new[] { "System.InvalidOperationException", "System.Collections.Generic.KeyNotFoundException" }));
            var crumbs = error.Json.GetProperty("breadcrumbs").EnumerateArray().ToList();
            // The automatic breadcrumbs: logs at levels 1-7 and the event, then the manual one, oldest first.
            Assert.That(crumbs.Select(c => c.GetProperty("message").GetString()).ToList(), Is.EqualTo(
                Enumerable.Range(1, 7).Select(i => $"log at {i}").Append("user.signup").Append("GET /cart").ToList()));
            Assert.That(crumbs[^2].GetProperty("data").GetProperty("plan").GetString(), Is.EqualTo("starter"));
            Assert.That(crumbs[0].GetProperty("level").GetString(), Is.EqualTo("error"));
            Assert.That(crumbs[^1].GetProperty("category").GetString(), Is.EqualTo("http"));
        });

        var stats = client.GetStats();
        Assert.That(stats.EntriesQueued, Is.EqualTo(expected));
        Assert.That(stats.EntriesSent, Is.EqualTo(expected));
        Assert.That(stats.EntriesDropped, Is.EqualTo(0));
        Assert.That(stats.QueueDepth + stats.InFlight, Is.EqualTo(0));
        Assert.That(stats.HandshakeOk, Is.True);
    }

    [Test]
    public async Task Hooks_scopes_sampling_and_close_work_over_the_wire()
    {
        var client = NewClient(o =>
        {
            o.BeforeSendLog = json => { json["message"] = "[redacted]"; return json; };
            o.BeforeSendMetric = _ => null;
        });
        using (var scope = client.BeginScope())
        {
            scope.SetUser("usr_42").SetRequest("POST", "/checkout", "req_1");
            client.Info("card 4111 1111 1111 1111", new Dictionary<string, string> { ["http.path"] = "/explicit" });
            client.Counter("dropped.by.hook");
        }
        Assert.That(await client.CloseAsync(), Is.True);
        client.Info("after close");

        var received = await _server.WaitForEntriesAsync(1, Wait);
        var log = received.Single();
        Assert.That(log.Message, Is.EqualTo("[redacted]"));
        Assert.That(log.Attributes["user.id"], Is.EqualTo("usr_42"));
        Assert.That(log.Attributes["http.method"], Is.EqualTo("POST"));
        Assert.That(log.Attributes["http.path"], Is.EqualTo("/explicit"));
        Assert.That(log.Attributes["request_id"], Is.EqualTo("req_1"));

        var stats = client.GetStats();
        Assert.That(stats.EntriesSent, Is.EqualTo(1));
        Assert.That(stats.DropReasons[DropReasons.BeforeSend], Is.EqualTo(1));
        Assert.That(stats.DropReasons[DropReasons.Closed], Is.EqualTo(1));
    }

    [Test]
    public async Task A_trace_header_propagates_between_two_clients()
    {
        await using var upstream = NewClient();
        await using var downstream = NewClient(o => o.Source = "downstream");
        string header;
        using (var outgoing = upstream.StartSpan("http.client", "GET /inventory"))
        {
            header = outgoing.TraceHeader;
            using var incoming = downstream.ContinueFromHeaders(new Dictionary<string, string> { ["X-LogFlux-Trace"] = header }, "http.server", "GET /inventory");
        }
        Assert.That(await upstream.FlushAsync(Wait) && await downstream.FlushAsync(Wait), Is.True);
        var spans = await _server.WaitForEntriesAsync(2, Wait);
        var client = spans.Single(s => s.GetString("operation") == "http.client");
        var server = spans.Single(s => s.GetString("operation") == "http.server");
        Assert.That(server.GetString("trace_id"), Is.EqualTo(client.GetString("trace_id")));
        Assert.That(server.GetString("parent_span_id"), Is.EqualTo(client.GetString("span_id")));
        Assert.That(server.Source, Is.EqualTo("downstream"));
    }

    private static Exception Thrown()
    {
        try
        {
            try
            {
                ThrowInner();
            }
            catch (Exception inner)
            {
                throw new InvalidOperationException("Sequence contains no elements", inner);
            }
        }
        catch (Exception ex)
        {
            return ex;
        }
        throw new AssertionException("unreachable");
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void ThrowInner() => throw new KeyNotFoundException("The given key was not present.");
}
