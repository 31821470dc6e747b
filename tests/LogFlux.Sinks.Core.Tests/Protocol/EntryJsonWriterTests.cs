using System.Text;
using System.Text.Json;
using LogFlux.Sinks.Core.Tests.Support;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Core.Tests.Protocol;

public class EntryJsonWriterTests
{
    private static readonly GlobalContext Bare = new("svc", null, null);

    private static JsonElement Parse(LogFluxEntry entry, GlobalContext? context = null) =>
        JsonDocument.Parse(EntryJsonWriter.ToUtf8(entry, context ?? Bare)).RootElement;

    private static string Json(LogFluxEntry entry, GlobalContext context) => Encoding.UTF8.GetString(EntryJsonWriter.ToUtf8(entry, context));

    [Test]
    public void Log_IsByteIdenticalToTheVectorPayload()
    {
        string expected = Vectors.Section("multipart")[0].GetProperty("parts")[0].Text("plaintext_json");
        Assert.That(Json(EntrySamples.OrderPlaced(), EntrySamples.Context), Is.EqualTo(expected));
    }

    [Test]
    public void Telemetry_IsByteIdenticalToTheVectorPayload()
    {
        string expected = Vectors.Section("multipart")[0].GetProperty("parts")[1].Text("plaintext_json");
        Assert.That(Json(EntrySamples.DeviceReadings(), EntrySamples.Context), Is.EqualTo(expected));
    }

    [Test]
    public void Event_IsByteIdenticalToTheVectorPayload()
    {
        string expected = Vectors.Section("aes_gcm")[1].Text("plaintext_utf8");
        Assert.That(Json(EntrySamples.Signup(), EntrySamples.Context), Is.EqualTo(expected));
    }

    [Test]
    public void Envelope_HasVersionTypeSourceLevelAndTs()
    {
        var json = Parse(new LogEntry(LogFluxLevel.Warning, "disk low", new DateTimeOffset(2026, 1, 15, 12, 0, 0, 7, TimeSpan.FromHours(2))));

        Assert.That(json.GetProperty("v").ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That(json.Text("v"), Is.EqualTo("2.0"));
        Assert.That(json.Text("type"), Is.EqualTo("log"));
        Assert.That(json.Text("source"), Is.EqualTo("svc"));
        Assert.That(json.GetProperty("level").GetInt32(), Is.EqualTo(5));
        Assert.That(json.Text("ts"), Is.EqualTo("2026-01-15T10:00:00.007Z"));
        Assert.That(json.Text("message"), Is.EqualTo("disk low"));
        Assert.That(json.TryGetProperty("timestamp", out _), Is.False);
    }

    [Test]
    public void NullsAndEmptyMapsAreOmitted()
    {
        var log = new LogEntry(LogFluxLevel.Info, "m", DateTimeOffset.UnixEpoch) { Attributes = new(), Meta = new() };
        var json = Parse(log);

        Assert.That(json.TryGetProperty("attributes", out _), Is.False);
        Assert.That(json.TryGetProperty("meta", out _), Is.False);
        Assert.That(json.TryGetProperty("logger", out _), Is.False);
        Assert.That(json.TryGetProperty("error_type", out _), Is.False);
        Assert.That(Encoding.UTF8.GetString(EntryJsonWriter.ToUtf8(log, Bare)), Does.Not.Contain("null"));
    }

    [Test]
    public void EntrySourceWinsOverContext_AndMetaIsNotOverwritten()
    {
        var log = new LogEntry(LogFluxLevel.Info, "m", DateTimeOffset.UnixEpoch) { Source = "own", Meta = new() { ["environment"] = "staging" } };
        var json = Parse(log, new GlobalContext("ctx", "production", "2.0.0"));

        Assert.That(json.Text("source"), Is.EqualTo("own"));
        Assert.That(json.GetProperty("meta").Text("environment"), Is.EqualTo("staging"));
        Assert.That(json.GetProperty("meta").Text("release"), Is.EqualTo("2.0.0"));
    }

    [Test]
    public void Log_WritesLoggerWhenSet()
    {
        var json = Parse(new LogEntry(LogFluxLevel.Debug, "m", DateTimeOffset.UnixEpoch) { Logger = "Shop.Checkout" });
        Assert.That(json.Text("logger"), Is.EqualTo("Shop.Checkout"));
        Assert.That(json.GetProperty("level").GetInt32(), Is.EqualTo(8));
    }

    [Test]
    public void ErrorCapture_WritesAllErrorFields()
    {
        var error = new ErrorDetails("System.InvalidOperationException", "Sequence contains no elements");
        error.StackTrace.Add(new StackFrameInfo("Shop.Checkout.PriceCalculator.Total", "/src/Shop/PriceCalculator.cs", 42));
        error.StackTrace.Add(new StackFrameInfo("Shop.Checkout.OrderService.Place", "", 0));
        error.Chain.Add(new ErrorChainLink("System.InvalidOperationException", "Sequence contains no elements"));
        error.Chain.Add(new ErrorChainLink("System.Collections.Generic.KeyNotFoundException", "The given key was not present."));
        error.Breadcrumbs.Add(new Breadcrumb(new DateTimeOffset(2026, 1, 15, 10, 31, 6, 950, TimeSpan.Zero), "log", "loading cart", "info"));
        error.Breadcrumbs.Add(new Breadcrumb(new DateTimeOffset(2026, 1, 15, 10, 31, 6, 990, TimeSpan.Zero), "", "checkout.started", null, new Dictionary<string, string> { ["cart"] = "c_77" }));
        var log = new LogEntry(LogFluxLevel.Error, "Sequence contains no elements", DateTimeOffset.UnixEpoch) { Error = error };

        var json = Parse(log);

        Assert.That(json.Text("type"), Is.EqualTo("log"));
        Assert.That(json.GetProperty("level").GetInt32(), Is.EqualTo(4));
        Assert.That(json.Text("error_type"), Is.EqualTo("System.InvalidOperationException"));
        Assert.That(json.Text("error_message"), Is.EqualTo("Sequence contains no elements"));
        var frames = json.GetProperty("stack_trace");
        Assert.That(frames.GetArrayLength(), Is.EqualTo(2));
        Assert.That(frames[0].Text("function"), Is.EqualTo("Shop.Checkout.PriceCalculator.Total"));
        Assert.That(frames[0].Text("file"), Is.EqualTo("/src/Shop/PriceCalculator.cs"));
        Assert.That(frames[0].GetProperty("line").GetInt32(), Is.EqualTo(42));
        Assert.That(frames[1].Text("file"), Is.EqualTo("unknown"));
        Assert.That(frames[1].GetProperty("line").GetInt32(), Is.EqualTo(0));
        var chain = json.GetProperty("error_chain");
        Assert.That(chain.GetArrayLength(), Is.EqualTo(2));
        Assert.That(chain[1].Text("type"), Is.EqualTo("System.Collections.Generic.KeyNotFoundException"));
        Assert.That(chain[1].Text("message"), Is.EqualTo("The given key was not present."));
        var crumbs = json.GetProperty("breadcrumbs");
        Assert.That(crumbs[0].Text("timestamp"), Is.EqualTo("2026-01-15T10:31:06.950Z"));
        Assert.That(crumbs[0].Text("category"), Is.EqualTo("log"));
        Assert.That(crumbs[0].Text("level"), Is.EqualTo("info"));
        Assert.That(crumbs[0].TryGetProperty("data", out _), Is.False);
        Assert.That(crumbs[1].TryGetProperty("category", out _), Is.False);
        Assert.That(crumbs[1].TryGetProperty("level", out _), Is.False);
        Assert.That(crumbs[1].GetProperty("data").Text("cart"), Is.EqualTo("c_77"));
    }

    [Test]
    public void ErrorCapture_LimitsFramesAndChain_AndOmitsSingleLinkChain()
    {
        var error = new ErrorDetails("E", "");
        for (int i = 0; i < 30; i++) error.StackTrace.Add(new StackFrameInfo("F" + i, "f.cs", i));
        error.Chain.Add(new ErrorChainLink("E", ""));
        var json = Parse(new LogEntry(LogFluxLevel.Error, "x", DateTimeOffset.UnixEpoch) { Error = error });

        Assert.That(json.GetProperty("stack_trace").GetArrayLength(), Is.EqualTo(20));
        Assert.That(json.GetProperty("stack_trace")[0].Text("function"), Is.EqualTo("F0"));
        Assert.That(json.TryGetProperty("error_chain", out _), Is.False);
        Assert.That(json.TryGetProperty("breadcrumbs", out _), Is.False);
        Assert.That(json.Text("error_message"), Is.EqualTo(""));

        for (int i = 0; i < 15; i++) error.Chain.Add(new ErrorChainLink("C" + i, "m"));
        json = Parse(new LogEntry(LogFluxLevel.Error, "x", DateTimeOffset.UnixEpoch) { Error = error });
        Assert.That(json.GetProperty("error_chain").GetArrayLength(), Is.EqualTo(10));
    }

    [TestCase(MetricKind.Counter, "counter")]
    [TestCase(MetricKind.Gauge, "gauge")]
    [TestCase(MetricKind.Distribution, "distribution")]
    public void Metric_WritesNameValueKindUnit(MetricKind kind, string text)
    {
        var json = Parse(new MetricEntry("http.latency", 0.001, kind, DateTimeOffset.UnixEpoch) { Unit = "ms" });

        Assert.That(json.Text("type"), Is.EqualTo("metric"));
        Assert.That(json.GetProperty("level").GetInt32(), Is.EqualTo(7));
        Assert.That(json.Text("name"), Is.EqualTo("http.latency"));
        Assert.That(json.GetProperty("value").GetDouble(), Is.EqualTo(0.001));
        Assert.That(json.GetProperty("value").GetRawText(), Is.EqualTo("0.001"));
        Assert.That(json.Text("kind"), Is.EqualTo(text));
        Assert.That(json.Text("unit"), Is.EqualTo("ms"));
        Assert.That(json.TryGetProperty("metric_type", out _), Is.False);
    }

    [Test]
    public void Metric_IntegralValueHasNoFraction_AndUnitIsOptional()
    {
        var json = Parse(new MetricEntry("c", 1, MetricKind.Counter, DateTimeOffset.UnixEpoch));
        Assert.That(json.GetProperty("value").GetRawText(), Is.EqualTo("1"));
        Assert.That(json.TryGetProperty("unit", out _), Is.False);
    }

    [Test]
    public void Span_WritesIdsTimesDurationAndStatus()
    {
        var start = new DateTimeOffset(2026, 1, 15, 10, 30, 3, 208, TimeSpan.Zero);
        var end = new DateTimeOffset(2026, 1, 15, 10, 30, 3, 250, TimeSpan.Zero);
        var span = new SpanEntry("4BF92F3577B34DA6A3CE929D0E0E4736", "00f067aa0ba902b7", "db.query", "SELECT * FROM users", start, end)
        {
            ParentSpanId = "b7ad6b7169203331",
        };
        span.SetAttribute("db.system", "postgresql");

        var json = Parse(span, new GlobalContext("checkout-api", null, null));
        string expected = "{\"v\":\"2.0\",\"type\":\"trace\",\"source\":\"checkout-api\",\"level\":7,\"ts\":\"2026-01-15T10:30:03.250Z\",\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"span_id\":\"00f067aa0ba902b7\",\"parent_span_id\":\"b7ad6b7169203331\",\"operation\":\"db.query\",\"name\":\"SELECT * FROM users\",\"start_time\":\"2026-01-15T10:30:03.208Z\",\"end_time\":\"2026-01-15T10:30:03.250Z\",\"duration_ms\":42,\"status\":\"ok\",\"attributes\":{\"db.system\":\"postgresql\"}}";
        Assert.That(json.GetRawText(), Is.EqualTo(expected));
    }

    [Test]
    public void Span_RootOmitsParent_AndNegativeDurationIsZero()
    {
        var end = DateTimeOffset.UnixEpoch;
        var span = new SpanEntry("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "op", "n", end.AddSeconds(1), end) { Status = "error" };
        var json = Parse(span);

        Assert.That(json.TryGetProperty("parent_span_id", out _), Is.False);
        Assert.That(json.GetProperty("duration_ms").GetInt64(), Is.EqualTo(0));
        Assert.That(json.Text("status"), Is.EqualTo("error"));
    }

    [Test]
    public void Audit_WritesAllFieldsWithLevel6()
    {
        var audit = new AuditEntry("record.deleted", "usr_456", "invoice", "inv_789", DateTimeOffset.UnixEpoch);
        audit.SetAttribute("reason", "customer_request");
        var json = Parse(audit, new GlobalContext("billing", null, null));

        string expected = "{\"v\":\"2.0\",\"type\":\"audit\",\"source\":\"billing\",\"level\":6,\"ts\":\"1970-01-01T00:00:00.000Z\",\"action\":\"record.deleted\",\"actor\":\"usr_456\",\"resource\":\"invoice\",\"resource_id\":\"inv_789\",\"outcome\":\"success\",\"attributes\":{\"reason\":\"customer_request\"}}";
        Assert.That(json.GetRawText(), Is.EqualTo(expected));

        audit.ActorType = "user";
        audit.Outcome = "denied";
        json = Parse(audit);
        Assert.That(json.Text("actor_type"), Is.EqualTo("user"));
        Assert.That(json.Text("outcome"), Is.EqualTo("denied"));
    }

    [Test]
    public void Telemetry_BothTypesSayTelemetry_AndEmptyReadingsArePresent()
    {
        var encrypted = Parse(new TelemetryEntry("d1", [], managed: false, DateTimeOffset.UnixEpoch));
        var managed = Parse(new TelemetryEntry("d1", [], managed: true, DateTimeOffset.UnixEpoch));

        Assert.That(encrypted.Text("type"), Is.EqualTo("telemetry"));
        Assert.That(managed.Text("type"), Is.EqualTo("telemetry"));
        Assert.That(encrypted.GetProperty("readings").GetArrayLength(), Is.EqualTo(0));
        Assert.That(encrypted.Text("device_id"), Is.EqualTo("d1"));
    }

    [Test]
    public void Strings_AreEscapedAndNonAsciiKept()
    {
        var log = new LogEntry(LogFluxLevel.Info, "quote \" backslash \\ newline \n ünïcødé ✓ <tag>", DateTimeOffset.UnixEpoch);
        var json = Parse(log);
        Assert.That(json.Text("message"), Is.EqualTo("quote \" backslash \\ newline \n ünïcødé ✓ <tag>"));
    }

    [Test]
    public void ToJsonObject_ReturnsAMutableEquivalentObject()
    {
        var obj = EntryJsonWriter.ToJsonObject(EntrySamples.OrderPlaced(), EntrySamples.Context);
        Assert.That(obj["message"]!.GetValue<string>(), Is.EqualTo("order placed"));
        Assert.That(obj["attributes"]!["user.id"]!.GetValue<string>(), Is.EqualTo("usr_42"));
        Assert.That(obj["meta"]!["release"]!.GetValue<string>(), Is.EqualTo("1.4.2"));
        obj["message"] = "changed";
        Assert.That(obj.ToJsonString(), Does.Contain("\"changed\""));
    }

    [Test]
    public void Write_UsesTheGivenWriter()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            EntryJsonWriter.Write(writer, EntrySamples.Signup(), EntrySamples.Context);
        }
        Assert.That(Encoding.UTF8.GetString(stream.ToArray()), Does.Contain("\"event\":\"user.signup\""));
    }
}
