using LogFlux.Sinks.Testing;
using LogFlux.Sinks.Transport;
using static LogFlux.Sinks.Core.Tests.Transport.TransportTestKit;

namespace LogFlux.Sinks.Core.Tests.Transport;

[TestFixture]
public class LogFluxTransportHandshakeTests
{
    [TestCase(false)]
    [TestCase(true)]
    public async Task Handshake_against_the_receiver_yields_a_key_the_receiver_can_decrypt(bool wrapped)
    {
        await using var server = await StartServerAsync(new LogFluxTestServerOptions { WrapResponses = wrapped, MaxBatchSize = 50 });
        await using var transport = Create(TransportOptions(server.BaseUrl));

        var key = await Within(transport.GetSessionAsync(CancellationToken.None));
        using var batch = Encode(key, "decrypt me");
        var result = await Within(transport.SendAsync(key, batch.Body, batch.Boundary, CancellationToken.None));
        var entries = await server.WaitForEntriesAsync(1, WaitLimit);

        Assert.That(result.IsSuccess, Is.True, result.ErrorText);
        Assert.That(entries[0].Message, Is.EqualTo("decrypt me"));
        Assert.That(entries[0].KeyId, Is.EqualTo(key.KeyId));
        Assert.That(key.BaseUrl, Is.EqualTo(server.BaseUrl));
        Assert.That(key.Limits.MaxBatchSize, Is.EqualTo(50));
        Assert.That(key.ServerKeyFingerprint, Is.EqualTo(server.PublicKeyFingerprint));
        Assert.That(server.HandshakeInitCount, Is.EqualTo(1));
        Assert.That(server.HandshakeCompleteCount, Is.EqualTo(1));
        var state = transport.State;
        Assert.That(state.HandshakeOk, Is.True);
        Assert.That(state.Handshakes, Is.EqualTo(1));
        Assert.That(state.KeySource, Is.EqualTo("handshake"));
        Assert.That(state.ServerKeyFingerprint, Is.EqualTo(server.PublicKeyFingerprint));
    }

    [Test]
    public async Task Handshake_requests_carry_bearer_user_agent_and_plain_json_content_type()
    {
        await using var server = await StartServerAsync();
        await using var transport = Create(TransportOptions(server.BaseUrl));

        await Within(transport.GetSessionAsync(CancellationToken.None));
        var init = server.Requests.Single(r => r.Path == "/v1/handshake/init");

        Assert.That(init.StatusCode, Is.EqualTo(200));
        Assert.That(init.Headers["User-Agent"], Does.Match(@"^logflux-dotnet-sdk/\d+\.\d+\.\d+[^+ ]*$"));
        Assert.That(init.Headers["Content-Type"], Is.EqualTo("application/json"));
        Assert.That(init.Headers.ContainsKey("Authorization"), Is.True);
    }

    [Test]
    public async Task Concurrent_callers_share_one_handshake()
    {
        await using var server = await StartServerAsync();
        await using var transport = Create(TransportOptions(server.BaseUrl));

        var keys = await Within(Task.WhenAll(Enumerable.Range(0, 8).Select(_ => transport.GetSessionAsync(CancellationToken.None).AsTask())));

        Assert.That(keys.Distinct().Count(), Is.EqualTo(1));
        Assert.That(server.HandshakeInitCount, Is.EqualTo(1));
    }

    [Test]
    public async Task A_matching_fingerprint_pin_is_accepted()
    {
        await using var server = await StartServerAsync();
        var options = TransportOptions(server.BaseUrl);
        options.ServerKeyFingerprint = "SHA256:" + server.PublicKeyFingerprint["SHA256:".Length..].ToUpperInvariant();
        await using var transport = Create(options);

        var key = await Within(transport.GetSessionAsync(CancellationToken.None));

        Assert.That(key.ServerKeyFingerprint, Is.EqualTo(server.PublicKeyFingerprint));
    }

    [Test]
    public async Task A_mismatching_fingerprint_pin_fails_before_the_key_is_sent()
    {
        await using var server = await StartServerAsync();
        var options = TransportOptions(server.BaseUrl);
        options.ServerKeyFingerprint = "SHA256:" + new string('0', 64);
        var log = new DiagnosticLog();
        await using var transport = Create(options, log);

        var ex = Assert.ThrowsAsync<TransportException>(async () => await Within(transport.GetSessionAsync(CancellationToken.None)));

        Assert.That(ex!.Message, Does.Contain("does not match the configured ServerKeyFingerprint"));
        Assert.That(server.HandshakeCompleteCount, Is.EqualTo(0));
        Assert.That(transport.State.HandshakeOk, Is.False);
        Assert.That(transport.State.LastError, Does.Contain("does not match"));
    }

    [Test]
    public async Task Unauthorized_init_is_an_authentication_failure_without_the_key_in_any_text()
    {
        await using var server = await StartServerAsync(new LogFluxTestServerOptions { RequiredApiKey = "eu-lf_some_other_key_000" });
        var log = new DiagnosticLog();
        await using var transport = Create(TransportOptions(server.BaseUrl), log);

        var ex = Assert.ThrowsAsync<TransportException>(async () => await Within(transport.GetSessionAsync(CancellationToken.None)));

        Assert.That(ex!.IsAuthenticationFailure, Is.True);
        Assert.That(ex.StatusCode, Is.EqualTo(401));
        Assert.That(ex.Message, Does.StartWith("Handshake init failed with status 401"));
        Assert.That(ex.ToString(), Does.Not.Contain(ApiKey));
        Assert.That(log.AllText, Does.Not.Contain(ApiKey));
        // The one line per failure is the caller's (the session source counts the attempts); the transport adds nothing above Debug.
        Assert.That(log.Messages.Where(m => m.Level >= LogFluxDiagnosticLevel.Warning), Is.Empty);
    }

    [Test]
    public async Task An_error_body_is_quoted_with_status_cut_to_200_characters_and_the_key_masked()
    {
        await using var server = await StartServerAsync();
        var body = "{\"error\":\"bad key " + ApiKey + "\",\"pad\":\"" + new string('x', 500) + "\"}";
        server.Faults.Enqueue(FaultEndpoint.HandshakeInit, Fault.Body(503, body));
        await using var transport = Create(TransportOptions(server.BaseUrl));

        var ex = Assert.ThrowsAsync<TransportException>(async () => await Within(transport.GetSessionAsync(CancellationToken.None)));

        Assert.That(ex!.StatusCode, Is.EqualTo(503));
        Assert.That(ex.IsAuthenticationFailure, Is.False);
        Assert.That(ex.Message, Does.StartWith("Handshake init failed with status 503: {\"error\":\"bad key eu-lf_****cdef"));
        Assert.That(ex.Message, Does.Not.Contain(ApiKey));
        var quoted = ex.Message[(ex.Message.IndexOf(": ", StringComparison.Ordinal) + 2)..];
        Assert.That(quoted, Has.Length.EqualTo(200));
    }

    [Test]
    public async Task A_huge_init_body_fails_clearly_without_reading_it_all()
    {
        await using var server = await StartServerAsync();
        server.Faults.Enqueue(FaultEndpoint.HandshakeInit, Fault.HugeBody(200, 200L * 1024 * 1024));
        await using var transport = Create(TransportOptions(server.BaseUrl));
        var before = GC.GetTotalAllocatedBytes(precise: false);

        var ex = Assert.ThrowsAsync<TransportException>(async () => await Within(transport.GetSessionAsync(CancellationToken.None)));

        Assert.That(ex!.Message, Does.Contain("larger than 65536 bytes"));
        Assert.That(GC.GetTotalAllocatedBytes(precise: false) - before, Is.LessThan(50L * 1024 * 1024));
    }

    [Test]
    public async Task A_slow_init_body_times_out_instead_of_hanging()
    {
        await using var server = await StartServerAsync();
        server.Faults.Enqueue(FaultEndpoint.HandshakeInit, Fault.SlowBody(200, TimeSpan.FromSeconds(30)));
        await using var transport = Create(TransportOptions(server.BaseUrl, httpTimeout: TimeSpan.FromMilliseconds(700)));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var ex = Assert.ThrowsAsync<TransportException>(async () => await Within(transport.GetSessionAsync(CancellationToken.None)));

        Assert.That(ex!.Message, Does.Contain("no complete response within 0.7 s"));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
    }

    [TestCase(FaultEndpoint.HandshakeInit, "{not json", "Handshake init: invalid or missing public_key")]
    [TestCase(FaultEndpoint.HandshakeInit, "{\"supports_multipart\":true}", "Handshake init: invalid or missing public_key")]
    [TestCase(FaultEndpoint.HandshakeInit, "{\"public_key\":\"-----BEGIN RSA PUBLIC KEY-----\\nAAAA\\n-----END RSA PUBLIC KEY-----\"}", "Handshake init: invalid or missing public_key")]
    [TestCase(FaultEndpoint.HandshakeInit, "{\"public_key\":\"-----BEGIN PUBLIC KEY-----\\nnot base64!\\n-----END PUBLIC KEY-----\"}", "Handshake init: invalid or missing public_key")]
    [TestCase(FaultEndpoint.HandshakeComplete, "{\"status\":\"success\"}", "Handshake complete: no key_id in response")]
    [TestCase(FaultEndpoint.HandshakeComplete, "{\"key_id\":\"   \",\"data\":{\"key_uuid\":\"\"}}", "Handshake complete: no key_id in response")]
    [TestCase(FaultEndpoint.HandshakeComplete, "[1,2", "Handshake complete: no key_id in response")]
    public async Task Malformed_handshake_responses_fail_with_the_protocol_message(FaultEndpoint endpoint, string body, string expected)
    {
        await using var server = await StartServerAsync();
        server.Faults.Enqueue(endpoint, Fault.Body(200, body));
        await using var transport = Create(TransportOptions(server.BaseUrl));

        var ex = Assert.ThrowsAsync<TransportException>(async () => await Within(transport.GetSessionAsync(CancellationToken.None)));

        Assert.That(ex!.Message, Does.StartWith(expected));
        Assert.That(transport.State.HandshakeOk, Is.False);
    }

    [Test]
    public async Task After_a_failed_attempt_the_next_call_handshakes_again()
    {
        await using var server = await StartServerAsync();
        server.Faults.Enqueue(FaultEndpoint.HandshakeInit, Fault.Status(503));
        await using var transport = Create(TransportOptions(server.BaseUrl));

        Assert.ThrowsAsync<TransportException>(async () => await Within(transport.GetSessionAsync(CancellationToken.None)));
        var key = await Within(transport.GetSessionAsync(CancellationToken.None));

        Assert.That(key.KeyId, Is.Not.Empty);
        Assert.That(transport.State.LastError, Is.Null);
        Assert.That(server.Requests.Count(r => r.Path == "/v1/handshake/init"), Is.EqualTo(2));
    }

    [Test]
    public async Task Renewal_is_single_flight_and_returns_a_newer_key_at_once_when_one_exists()
    {
        await using var server = await StartServerAsync();
        await using var transport = Create(TransportOptions(server.BaseUrl));
        var first = await Within(transport.GetSessionAsync(CancellationToken.None));

        var renewed = await Within(Task.WhenAll(Enumerable.Range(0, 6).Select(_ => transport.RenewSessionAsync(first, CancellationToken.None).AsTask())));
        var again = await Within(transport.RenewSessionAsync(first, CancellationToken.None));

        Assert.That(renewed.Distinct().Count(), Is.EqualTo(1));
        Assert.That(renewed[0].Generation, Is.GreaterThan(first.Generation));
        Assert.That(renewed[0].KeyId, Is.Not.EqualTo(first.KeyId));
        Assert.That(again, Is.SameAs(renewed[0]));
        Assert.That(server.HandshakeInitCount, Is.EqualTo(2));
        Assert.That(transport.State.Handshakes, Is.EqualTo(2));
    }

    [Test]
    public async Task A_replaced_key_stays_usable_until_the_transport_is_disposed()
    {
        await using var server = await StartServerAsync();
        var transport = Create(TransportOptions(server.BaseUrl));
        var first = await Within(transport.GetSessionAsync(CancellationToken.None));
        var second = await Within(transport.RenewSessionAsync(first, CancellationToken.None));

        Assert.That(first.IsDisposed, Is.False);
        using (var batch = Encode(first, "old key still works"))
        {
            var result = await Within(transport.SendAsync(first, batch.Body, batch.Boundary, CancellationToken.None));
            Assert.That(result.IsSuccess, Is.True, result.ErrorText);
        }

        await transport.DisposeAsync();

        Assert.That(first.IsDisposed, Is.True);
        Assert.That(second.IsDisposed, Is.True);
        Assert.ThrowsAsync<TransportException>(async () => await transport.GetSessionAsync(CancellationToken.None));
    }

    [Test]
    public async Task A_caller_that_gives_up_does_not_cancel_the_shared_handshake()
    {
        await using var server = await StartServerAsync();
        server.Faults.Enqueue(FaultEndpoint.HandshakeInit, Fault.Delay(TimeSpan.FromMilliseconds(300)));
        await using var transport = Create(TransportOptions(server.BaseUrl));
        using var cts = new CancellationTokenSource();

        var impatient = transport.GetSessionAsync(cts.Token).AsTask();
        var patient = transport.GetSessionAsync(CancellationToken.None).AsTask();
        cts.Cancel();

        Assert.That(async () => await impatient.WaitAsync(WaitLimit), Throws.InstanceOf<OperationCanceledException>());
        var key = await Within(patient);
        Assert.That(key.KeyId, Is.Not.Empty);
        Assert.That(server.HandshakeInitCount, Is.EqualTo(1));
    }
}
