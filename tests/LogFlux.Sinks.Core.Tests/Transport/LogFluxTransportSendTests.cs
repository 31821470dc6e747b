using LogFlux.Sinks.Testing;
using LogFlux.Sinks.Transport;
using Microsoft.Extensions.Time.Testing;
using static LogFlux.Sinks.Core.Tests.Transport.TransportTestKit;

namespace LogFlux.Sinks.Core.Tests.Transport;

[TestFixture]
public class LogFluxTransportSendTests
{
    private LogFluxTestServer _server = null!;
    private LogFluxTransport _transport = null!;
    private SessionKey _key = null!;

    [SetUp]
    public async Task SetUp()
    {
        _server = await StartServerAsync();
        _transport = Create(TransportOptions(_server.BaseUrl, httpTimeout: TimeSpan.FromSeconds(5)));
        _key = await Within(_transport.GetSessionAsync(CancellationToken.None));
    }

    [TearDown]
    public async Task TearDown()
    {
        await _transport.DisposeAsync();
        await _server.DisposeAsync();
    }

    private async Task<IngestResult> SendOneAsync(CancellationToken cancellationToken = default)
    {
        using var batch = Encode(_key);
        return await _transport.SendAsync(_key, batch.Body, batch.Boundary, cancellationToken).WaitAsync(WaitLimit);
    }

    [Test]
    public async Task An_accepted_batch_is_a_success_with_no_error_text()
    {
        var result = await SendOneAsync();

        Assert.That(result.StatusCode, Is.EqualTo(202).Or.EqualTo(200));
        Assert.That(result.IsSuccess, Is.True);
        Assert.That(result.ErrorText, Is.Null);
        var request = _server.Requests.Single(r => r.Path == "/v1/ingest");
        Assert.That(request.Headers["Content-Type"], Does.Match("^multipart/mixed; boundary=[^\"; ]+$"));
        Assert.That(request.Headers["User-Agent"], Does.StartWith("logflux-dotnet-sdk/"));
    }

    [TestCase(400)]
    [TestCase(413)]
    [TestCase(500)]
    [TestCase(503)]
    public async Task Error_statuses_come_back_with_a_bounded_error_text(int status)
    {
        _server.Faults.Enqueue(FaultEndpoint.Ingest, Fault.Status(status));

        var result = await SendOneAsync();

        Assert.That(result.StatusCode, Is.EqualTo(status));
        Assert.That(result.IsSuccess, Is.False);
        Assert.That(result.ErrorText, Does.StartWith("ingest failed"));
        Assert.That(result.ErrorText!.Length, Is.LessThanOrEqualTo(200));
    }

    [Test]
    public async Task Unauthorized_is_reported_as_401()
    {
        _server.Faults.Enqueue(FaultEndpoint.Ingest, Fault.Unauthorized());

        var result = await SendOneAsync();

        Assert.That(result.StatusCode, Is.EqualTo(401));
    }

    [Test]
    public async Task Quota_exceeded_is_reported_as_507()
    {
        _server.Faults.Enqueue(FaultEndpoint.Ingest, Fault.QuotaExceeded());

        var result = await SendOneAsync();

        Assert.That(result.StatusCode, Is.EqualTo(507));
        Assert.That(result.ErrorText, Does.StartWith("ingest failed"));
    }

    [Test]
    public async Task Too_many_requests_carries_retry_after_seconds()
    {
        _server.Faults.Enqueue(FaultEndpoint.Ingest, Fault.TooManyRequests(TimeSpan.FromSeconds(7)));

        var result = await SendOneAsync();

        Assert.That(result.StatusCode, Is.EqualTo(429));
        Assert.That(result.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(7)));
    }

    [Test]
    public async Task Too_many_requests_without_retry_after_leaves_the_default_to_the_caller()
    {
        _server.Faults.Enqueue(FaultEndpoint.Ingest, Fault.TooManyRequests(null));

        var result = await SendOneAsync();

        Assert.That(result.StatusCode, Is.EqualTo(429));
        Assert.That(result.RetryAfter, Is.Null);
    }

    [Test]
    public async Task An_aborted_connection_is_a_network_error()
    {
        _server.Faults.Enqueue(FaultEndpoint.Ingest, Fault.AbortBeforeProcessing());

        var result = await SendOneAsync();

        Assert.That(result.IsNetworkError, Is.True);
        Assert.That(result.ResponseLost, Is.True, "the body was sent: the client cannot know whether the server kept it");
        Assert.That(result.ErrorText, Does.StartWith("ingest request failed"));
    }

    [Test]
    public async Task A_refused_connection_never_reached_the_server()
    {
        await _server.StopAsync();

        var result = await SendOneAsync();

        Assert.That(result.IsNetworkError, Is.True);
        Assert.That(result.NeverReachedServer, Is.True, () => result.ErrorText ?? "");
        Assert.That(result.ResponseLost, Is.False);
    }

    [Test]
    public async Task A_closed_transport_sends_nothing()
    {
        using var batch = Encode(_key);
        await _transport.DisposeAsync();

        var result = await _transport.SendAsync(_key, batch.Body, batch.Boundary, CancellationToken.None).WaitAsync(WaitLimit);

        Assert.That(result.NeverReachedServer, Is.True);
        Assert.That(_server.Requests.Where(r => r.Path == "/v1/ingest"), Is.Empty);
    }

    [Test]
    public async Task A_server_that_never_responds_times_out_as_a_network_error()
    {
        await using var transport = Create(TransportOptions(_server.BaseUrl, httpTimeout: TimeSpan.FromMilliseconds(500)));
        var key = await Within(transport.GetSessionAsync(CancellationToken.None));
        _server.Faults.Enqueue(FaultEndpoint.Ingest, Fault.NeverRespond());
        using var batch = Encode(key);

        var result = await transport.SendAsync(key, batch.Body, batch.Boundary, CancellationToken.None).WaitAsync(WaitLimit);

        Assert.That(result.StatusCode, Is.EqualTo(0));
        Assert.That(result.ResponseLost, Is.True, "a timed-out request may have been stored");
        Assert.That(result.ErrorText, Is.EqualTo("ingest request timed out after 0.5 s"));
    }

    [Test]
    public void Cancellation_by_the_caller_throws()
    {
        _server.Faults.Enqueue(FaultEndpoint.Ingest, Fault.NeverRespond());
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Assert.That(async () => await SendOneAsync(cts.Token), Throws.InstanceOf<OperationCanceledException>());
    }
}

[TestFixture]
public class LogFluxTransportSendResponseMappingTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);

    private static async Task<(IngestResult Result, StubRequest Request)> SendToStubAsync(StubResponse response)
    {
        await using var stub = StubHttpServer.Start(_ => response);
        var time = new FakeTimeProvider(Now);
        await using var transport = Create(TransportOptions(stub.BaseUrl), time: time);
        using var key = new SessionKey(new byte[32], "kid-1", stub.BaseUrl, LogFlux.Sinks.Protocol.ServerLimits.None, null, "handshake", 1);
        var body = "--b1\r\nX-LF-Entry-Type: 7\r\n\r\n{}\r\n--b1--\r\n"u8.ToArray();
        var result = await transport.SendAsync(key, body, "b1", CancellationToken.None).WaitAsync(WaitLimit);
        return (result, stub.Requests.Single());
    }

    [Test]
    public async Task The_request_has_exact_content_type_bearer_and_user_agent()
    {
        var (result, request) = await SendToStubAsync(new StubResponse(202));

        Assert.That(result.IsSuccess, Is.True);
        Assert.That(request.Method, Is.EqualTo("POST"));
        Assert.That(request.Path, Is.EqualTo("/v1/ingest"));
        Assert.That(request.Headers["Content-Type"], Is.EqualTo("multipart/mixed; boundary=b1"));
        Assert.That(request.Headers["Authorization"], Is.EqualTo("Bearer " + ApiKey));
        Assert.That(request.Headers["User-Agent"], Is.EqualTo(UserAgent.Value));
        Assert.That(request.Headers.ContainsKey("Content-Encoding"), Is.False);
        Assert.That(System.Text.Encoding.ASCII.GetString(request.Body), Does.StartWith("--b1\r\n"));
    }

    [Test]
    public async Task Retry_after_as_an_http_date_is_relative_to_now()
    {
        var date = Now.AddSeconds(120).ToString("r");

        var (result, _) = await SendToStubAsync(new StubResponse(429, "", new Dictionary<string, string> { ["Retry-After"] = date }));

        Assert.That(result.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(120)));
    }

    [TestCase("99999", 600)]
    [TestCase("0", 0)]
    [TestCase("Sat, 14 Mar 2026 11:00:00 GMT", 0)]
    public async Task Retry_after_is_capped_and_never_negative(string header, int expectedSeconds)
    {
        var (result, _) = await SendToStubAsync(new StubResponse(503, "", new Dictionary<string, string> { ["Retry-After"] = header }));

        Assert.That(result.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(expectedSeconds)));
    }

    [Test]
    public async Task Rate_limit_headers_are_read_from_every_response()
    {
        var headers = new Dictionary<string, string> { ["X-RateLimit-Limit"] = "1000", ["X-RateLimit-Remaining"] = "998", ["X-RateLimit-Reset"] = "1773489600" };

        var (result, _) = await SendToStubAsync(new StubResponse(202, "", headers));

        Assert.That(result.RateLimit, Is.EqualTo(new RateLimitInfo(1000, 998, 1773489600)));
    }

    [Test]
    public async Task The_service_error_envelope_is_formatted_with_code_message_and_details()
    {
        var body = "{\"status\":\"error\",\"error\":{\"code\":\"rate_limited\",\"message\":\"slow down\",\"details\":\"try later\",\"retry_after\":30},\"request_id\":\"req_1\"}";

        var (result, _) = await SendToStubAsync(new StubResponse(429, body));

        Assert.That(result.ErrorText, Is.EqualTo("ingest failed [rate_limited]: slow down - try later"));
    }

    [Test]
    public async Task Any_other_body_is_quoted_after_the_status_cut_to_200_characters_without_the_key()
    {
        var body = "plain failure for " + ApiKey + " " + new string('y', 1000);

        var (result, _) = await SendToStubAsync(new StubResponse(400, body));

        Assert.That(result.ErrorText, Does.StartWith("ingest failed with status 400: plain failure for eu-lf_****cdef yyy"));
        Assert.That(result.ErrorText, Has.Length.EqualTo(200));
        Assert.That(result.ErrorText, Does.Not.Contain(ApiKey));
    }

    [Test]
    public async Task A_huge_error_body_is_read_only_up_to_the_bound()
    {
        var (result, _) = await SendToStubAsync(new StubResponse(500, HugeBodyBytes: 64L * 1024 * 1024));

        Assert.That(result.StatusCode, Is.EqualTo(500));
        Assert.That(result.ErrorText, Does.StartWith("ingest failed with status 500: aaaa"));
    }
}
