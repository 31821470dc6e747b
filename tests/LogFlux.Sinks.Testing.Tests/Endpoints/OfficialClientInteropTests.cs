using System.Net;
using LogFlux.Sinks.Testing.Tests.Support;

namespace LogFlux.Sinks.Testing.Tests.Endpoints;

/// <summary>What the official Java, JavaScript and Go clients send is accepted and readable; strictness stays the default.</summary>
public class OfficialClientInteropTests
{
    private const string KeyId = "interop-key";
    private static readonly byte[] Key = Enumerable.Range(7, 32).Select(i => (byte)i).ToArray();

    private readonly List<ReceivedRequest> _notified = [];
    private LogFluxTestServer _strict = null!;
    private LogFluxTestServer _lenient = null!;
    private TestClient _strictClient = null!;
    private TestClient _lenientClient = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _strict = await LogFluxTestServer.StartAsync(new LogFluxTestServerOptions { OnRequest = r => { lock (_notified) _notified.Add(r); } });
        _lenient = await LogFluxTestServer.StartAsync(new LogFluxTestServerOptions { AcceptMissingCrlfBeforeBoundary = true });
        _strictClient = new TestClient(_strict);
        _lenientClient = new TestClient(_lenient);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _strictClient.Dispose();
        _lenientClient.Dispose();
        await _strict.DisposeAsync();
        await _lenient.DisposeAsync();
    }

    [SetUp]
    public void Reset()
    {
        foreach (var server in new[] { _strict, _lenient })
        {
            server.Clear();
            server.RegisterKey(KeyId, Key);
        }

        lock (_notified) _notified.Clear();
    }

    [Test]
    public async Task A_JavaScript_metric_with_metric_type_is_accepted_and_shown_with_its_kind()
    {
        var entry = await AcceptedAsync(2, OfficialClientPayloads.JavaScriptMetric);
        Assert.That(entry.ToString(), Does.Contain("http.requests.total=1 (counter)"));
    }

    [Test]
    public async Task A_Java_gauge_with_metric_type_is_accepted_and_shown_with_its_kind_and_unit()
    {
        var entry = await AcceptedAsync(2, OfficialClientPayloads.JavaMetric);
        Assert.That(entry.ToString(), Does.Contain("queue.depth=12.5 (gauge, items)"));
    }

    [Test]
    public async Task A_JavaScript_span_with_description_is_accepted_and_shown_with_it()
    {
        var entry = await AcceptedAsync(3, OfficialClientPayloads.JavaScriptSpan);
        Assert.That(entry.ToString(), Does.Contain("db.query \"SELECT * FROM users\" 42 ms ok"));
    }

    [Test]
    public async Task A_Go_span_of_0_ms_without_duration_ms_is_accepted_and_shown_as_0_ms()
    {
        var entry = await AcceptedAsync(3, OfficialClientPayloads.GoZeroDurationSpan);
        Assert.That(entry.ToString(), Does.Contain("cache.get \"GET user:42\" 0 ms ok"));
    }

    [Test]
    public async Task Both_spellings_that_agree_are_accepted()
    {
        await AcceptedAsync(2, OfficialClientPayloads.MetricWithBothSpellings("counter", "counter"));
        await AcceptedAsync(3, OfficialClientPayloads.SpanWithBothSpellings("GET /a", "GET /a"));
    }

    [TestCase(2, "part 1: fields 'kind' (\"counter\") and 'metric_type' (\"gauge\") must agree when both are present")]
    [TestCase(3, "part 1: fields 'name' (\"GET /a\") and 'description' (\"GET /b\") must agree when both are present")]
    public async Task Both_spellings_that_disagree_are_refused_in_readable_text(int entryType, string reason)
    {
        string json = entryType == 2
            ? OfficialClientPayloads.MetricWithBothSpellings("counter", "gauge")
            : OfficialClientPayloads.SpanWithBothSpellings("GET /a", "GET /b");
        using var response = await _strictClient.IngestAsync(new TestMultipart().AddEncrypted(entryType, json, KeyId, Key));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        string raw = await response.Content.ReadAsStringAsync();
        Assert.That(raw, Does.Not.Contain("\\u0027").And.Not.Contain("\\u0022"), "the reason must not be \\u-escaped");
        Assert.That(await TestClient.ErrorMessageAsync(response), Is.EqualTo(reason));
    }

    [Test]
    public async Task A_span_without_duration_ms_that_lasted_longer_than_0_ms_is_refused()
    {
        using var response = await _strictClient.IngestAsync(new TestMultipart().AddEncrypted(3, OfficialClientPayloads.SpanWithoutDurationThatLasted5Ms, KeyId, Key));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await TestClient.ErrorMessageAsync(response), Does.StartWith("part 1: field 'duration_ms' is required (integer); it may be omitted only for a 0 ms span"));
    }

    [Test]
    public async Task A_JavaScript_framed_batch_is_refused_by_default_naming_the_option_and_the_observer_sees_it()
    {
        var batch = JavaScriptBatch();
        using var response = await _strictClient.IngestAsync(batch.BuildJavaScriptFraming(), batch.ContentType);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await TestClient.ErrorMessageAsync(response), Does.Contain("AcceptMissingCrlfBeforeBoundary").And.Contain("receive --accept-missing-crlf"));
        ReceivedRequest notified;
        lock (_notified) notified = _notified.Single();
        Assert.That(notified.StatusCode, Is.EqualTo(400));
        Assert.That(notified.RejectionReason, Does.Contain("without a preceding CRLF"));
    }

    [Test]
    public async Task A_JavaScript_framed_batch_is_accepted_with_the_option_and_a_warning()
    {
        var batch = JavaScriptBatch();
        using var response = await _lenientClient.IngestAsync(batch.BuildJavaScriptFraming(), batch.ContentType);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        Assert.That(_lenient.Entries.Select(e => e.Type), Is.EqualTo(new[] { "log", "metric", "trace" }));
        var request = _lenient.Requests.Single();
        Assert.That(request.Warnings.Single(), Does.StartWith("2 delimiter(s) without the CRLF"));
        Assert.That(request.ToString(), Does.Contain("[warning: 2 delimiter(s)"));
    }

    [Test]
    public async Task A_standard_batch_on_the_lenient_server_has_no_warning()
    {
        using var response = await _lenientClient.IngestAsync(JavaScriptBatch());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(_lenient.Requests.Single().Warnings, Is.Empty);
    }

    [Test]
    public async Task A_refusal_names_every_bad_part_with_its_reason()
    {
        var batch = new TestMultipart()
            .AddEncrypted(1, Payloads.Log().Replace("\"message\"", "\"msg\"", StringComparison.Ordinal), KeyId, Key)
            .AddEncrypted(4, Payloads.Event, KeyId, Key)
            .AddEncrypted(5, Payloads.Audit.Replace("\"actor\"", "\"who\"", StringComparison.Ordinal), KeyId, Key);
        using var response = await _strictClient.IngestAsync(batch);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        const string expected = "part 1: field 'message' is required (string); part 3: field 'actor' is required (string) " +
            "(2 of 3 parts refused; nothing from this request was stored)";
        Assert.That(await TestClient.ErrorMessageAsync(response), Is.EqualTo(expected));
        var request = _strict.Requests.Single();
        Assert.That(request.RejectionReason, Is.EqualTo(expected));
        Assert.That(request.PartErrors, Is.EqualTo(new[] { "part 1: field 'message' is required (string)", "part 3: field 'actor' is required (string)" }));
        Assert.That(_strict.Entries, Is.Empty);
    }

    private static TestMultipart JavaScriptBatch() => new TestMultipart()
        .AddEncrypted(1, Payloads.Log(), KeyId, Key)
        .AddEncrypted(2, OfficialClientPayloads.JavaScriptMetric, KeyId, Key)
        .AddEncrypted(3, OfficialClientPayloads.JavaScriptSpan, KeyId, Key);

    private async Task<ReceivedEntry> AcceptedAsync(int entryType, string json)
    {
        using var response = await _strictClient.IngestAsync(new TestMultipart().AddEncrypted(entryType, json, KeyId, Key));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        return _strict.Entries.Last();
    }
}
