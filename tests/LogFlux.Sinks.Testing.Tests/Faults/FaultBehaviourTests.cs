using System.Diagnostics;
using System.Net;
using LogFlux.Sinks.Testing.Tests.Support;

namespace LogFlux.Sinks.Testing.Tests.Faults;

public class FaultBehaviourTests
{
    private const string KeyId = "fault-key";
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    private LogFluxTestServer _server = null!;
    private TestClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await LogFluxTestServer.StartAsync();
        _client = new TestClient(_server);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [SetUp]
    public void Reset()
    {
        _server.Clear();
        _server.Faults.Reset();
        _server.RegisterKey(KeyId, Key);
    }

    [Test]
    public async Task Status_replies_without_processing()
    {
        _server.Faults.Enqueue(FaultEndpoint.Ingest, Fault.Status(503), Fault.Status(502, "bad gateway"));

        using var first = await IngestOneAsync("one");
        using var second = await IngestOneAsync("two");
        using var third = await IngestOneAsync("three");

        Assert.Multiple(async () =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(await TestClient.ErrorMessageAsync(first), Is.EqualTo("injected fault Status(503)"));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
            Assert.That(await second.Content.ReadAsStringAsync(), Is.EqualTo("bad gateway"));
            Assert.That(third.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(_server.Entries.Select(e => e.Message), Is.EqualTo(new[] { "three" }));
            Assert.That(_server.Requests.Select(r => r.Fault), Is.EqualTo(new[] { "Status(503)", "Status(502)", null }));
            Assert.That(_server.Requests[0].PartCount, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task TooManyRequests_sends_Retry_After_in_whole_seconds_or_none()
    {
        _server.Faults.Enqueue(FaultEndpoint.Ingest, Fault.TooManyRequests(TimeSpan.FromMilliseconds(1200)), Fault.TooManyRequests(null));

        using var withHeader = await IngestOneAsync("a");
        using var withoutHeader = await IngestOneAsync("b");

        Assert.That(withHeader.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(withHeader.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(withoutHeader.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(withoutHeader.Headers.RetryAfter, Is.Null);
        Assert.That(_server.Entries, Is.Empty);
    }

    [Test]
    public async Task QuotaExceeded_is_507()
    {
        _server.Faults.Always(FaultEndpoint.Ingest, Fault.QuotaExceeded());
        using var response = await IngestOneAsync("q");
        Assert.That((int)response.StatusCode, Is.EqualTo(507));
        Assert.That(await TestClient.ErrorMessageAsync(response), Does.Contain("QuotaExceeded"));
        Assert.That(_server.Entries, Is.Empty);
    }

    [Test]
    public async Task Unauthorized_forgets_the_key_id_so_the_next_send_is_refused_until_a_new_handshake()
    {
        var (keyId, key) = await _client.HandshakeAsync();
        _server.Faults.Enqueue(FaultEndpoint.Ingest, Fault.Unauthorized());

        using var faulted = await _client.IngestAsync(new TestMultipart().AddEncrypted(1, Payloads.Log("x"), keyId, key));
        using var retried = await _client.IngestAsync(new TestMultipart().AddEncrypted(1, Payloads.Log("x"), keyId, key));
        var (newKeyId, newKey) = await _client.HandshakeAsync();
        using var afterHandshake = await _client.IngestAsync(new TestMultipart().AddEncrypted(1, Payloads.Log("x"), newKeyId, newKey));

        Assert.That(faulted.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(retried.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await TestClient.ErrorMessageAsync(retried), Does.Contain("unknown key id"));
        Assert.That(afterHandshake.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(_server.Entries, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Handshake_faults_apply_to_their_endpoint()
    {
        _server.Faults.Enqueue(FaultEndpoint.HandshakeInit, Fault.Status(500)).Enqueue(FaultEndpoint.HandshakeComplete, Fault.Body(200, "{}"));
        int completes = _server.HandshakeCompleteCount;

        using var init = await _client.InitAsync();
        Assert.That(init.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        using var complete = await _client.CompleteAsync(new byte[256]);
        Assert.That(complete.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await complete.Content.ReadAsStringAsync(), Is.EqualTo("{}"));
        Assert.That(_server.HandshakeCompleteCount, Is.EqualTo(completes));
    }

    [Test]
    public async Task Body_sends_arbitrary_content()
    {
        _server.Faults.Enqueue(FaultEndpoint.HandshakeInit, Fault.Body(200, "not json <html>", "text/html"));
        using var response = await _client.InitAsync();
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("not json <html>"));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
    }

    [Test]
    public async Task Delay_holds_then_processes()
    {
        _server.Faults.Enqueue(FaultEndpoint.Ingest, Fault.Delay(TimeSpan.FromMilliseconds(300)));
        var clock = Stopwatch.StartNew();
        using var response = await IngestOneAsync("late");
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(280)));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(_server.Entries.Single().Message, Is.EqualTo("late"));
    }

    [Test]
    public async Task Abort_accepts_the_entries_but_loses_the_response()
    {
        _server.Faults.Enqueue(FaultEndpoint.Ingest, Fault.Abort());

        Assert.That(async () => (await IngestOneAsync("lost response")).Dispose(), Throws.InstanceOf<HttpRequestException>());
        using var resend = await IngestOneAsync("lost response");

        Assert.That(resend.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(_server.Entries.Select(e => e.Message), Is.EqualTo(new[] { "lost response", "lost response" }), "the resend is a duplicate");
        var aborted = _server.Requests[0];
        Assert.That(aborted.ConnectionAborted, Is.True);
        Assert.That(aborted.StatusCode, Is.EqualTo(202));
        Assert.That(aborted.AcceptedEntryCount, Is.EqualTo(1));
    }

    [Test]
    public async Task AbortBeforeProcessing_accepts_nothing()
    {
        _server.Faults.Enqueue(FaultEndpoint.Ingest, Fault.AbortBeforeProcessing());
        Assert.That(async () => (await IngestOneAsync("dropped")).Dispose(), Throws.InstanceOf<HttpRequestException>());
        Assert.That(_server.Entries, Is.Empty);
        Assert.That(_server.Requests.Single().ConnectionAborted, Is.True);
    }

    [Test]
    public async Task NeverRespond_holds_until_the_client_gives_up()
    {
        _server.Faults.Enqueue(FaultEndpoint.Ingest, Fault.NeverRespond());
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        Assert.That(async () => (await IngestOneAsync("held", cts.Token)).Dispose(), Throws.InstanceOf<OperationCanceledException>());
        var request = await _server.WaitForRequestAsync(r => r.Fault == "NeverRespond", TimeSpan.FromSeconds(5));
        Assert.That(request.ConnectionAborted, Is.True);
        Assert.That(_server.Entries, Is.Empty);
    }

    [Test]
    public async Task NeverRespond_is_released_when_the_server_stops()
    {
        await using var server = await LogFluxTestServer.StartAsync();
        server.RegisterKey(KeyId, Key);
        server.Faults.Always(FaultEndpoint.Ingest, Fault.NeverRespond());
        using var client = new TestClient(server, TimeSpan.FromSeconds(30));

        var pending = client.IngestAsync(new TestMultipart().AddEncrypted(1, Payloads.Log(), KeyId, Key));
        await server.WaitForRequestAsync(r => r.Fault == "NeverRespond", TimeSpan.FromSeconds(5));
        var clock = Stopwatch.StartNew();
        await server.StopAsync();

        Assert.That(async () => (await pending).Dispose(), Throws.InstanceOf<HttpRequestException>());
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public async Task HugeBody_streams_the_requested_number_of_bytes()
    {
        _server.Faults.Enqueue(FaultEndpoint.Ingest, Fault.HugeBody(500, 3_000_000));
        using var response = await IngestOneAsync("huge");
        byte[] body = await response.Content.ReadAsByteArrayAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(500));
        Assert.That(response.Headers.TransferEncodingChunked, Is.True, "chunked, so a client cannot rely on Content-Length");
        Assert.That(body, Has.Length.EqualTo(3_000_000));
    }

    [Test]
    public async Task HugeBody_survives_a_client_that_stops_reading()
    {
        _server.Faults.Enqueue(FaultEndpoint.Ingest, Fault.HugeBody(400, 200_000_000));
        var multipart = new TestMultipart().AddEncrypted(1, Payloads.Log(), KeyId, Key);
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/v1/ingest") { Content = new ByteArrayContent(multipart.Build()) })
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", multipart.ContentType);
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + TestClient.ApiKey);
            using var response = await _client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            Assert.That((int)response.StatusCode, Is.EqualTo(400));
            byte[] first = new byte[1000];
            await using var stream = await response.Content.ReadAsStreamAsync();
            Assert.That(await stream.ReadAsync(first), Is.GreaterThan(0));
        }

        using var next = await IngestOneAsync("after huge");
        Assert.That(next.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
    }

    [Test]
    public async Task SlowBody_trickles_over_the_duration()
    {
        _server.Faults.Enqueue(FaultEndpoint.Ingest, Fault.SlowBody(503, TimeSpan.FromMilliseconds(400)));
        var clock = Stopwatch.StartNew();
        using var response = await IngestOneAsync("slow");
        string body = await response.Content.ReadAsStringAsync();
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(350)));
        Assert.That((int)response.StatusCode, Is.EqualTo(503));
        Assert.That(body, Does.Contain("injected fault SlowBody"));
    }

    [Test]
    public async Task Every_nth_request_fails()
    {
        _server.Faults.Every(FaultEndpoint.Ingest, 2, Fault.Status(500));
        var statuses = new List<int>();
        for (int i = 0; i < 4; i++)
        {
            using var response = await IngestOneAsync("n" + i);
            statuses.Add((int)response.StatusCode);
        }

        Assert.That(statuses, Is.EqualTo(new[] { 202, 500, 202, 500 }));
    }

    [Test]
    public async Task Health_is_never_faulted()
    {
        _server.Faults.Always(FaultEndpoint.Any, Fault.Status(503));
        using var health = await _client.Http.GetAsync("/health");
        using var ingest = await IngestOneAsync("x");
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ingest.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
    }

    private Task<HttpResponseMessage> IngestOneAsync(string message, CancellationToken ct = default) =>
        _client.IngestAsync(new TestMultipart().AddEncrypted(1, Payloads.Log(message), KeyId, Key), ct: ct);
}
