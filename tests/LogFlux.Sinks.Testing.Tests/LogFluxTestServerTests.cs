using System.Net;
using LogFlux.Sinks.Testing.Tests.Support;

namespace LogFlux.Sinks.Testing.Tests;

public class LogFluxTestServerTests
{
    private const string KeyId = "server-key";
    private static readonly byte[] Key = Enumerable.Range(50, 32).Select(i => (byte)i).ToArray();

    [Test]
    public async Task Listens_on_loopback_with_a_free_port()
    {
        await using var first = await LogFluxTestServer.StartAsync();
        await using var second = await LogFluxTestServer.StartAsync();
        Assert.Multiple(() =>
        {
            Assert.That(first.Port, Is.GreaterThan(0));
            Assert.That(second.Port, Is.Not.EqualTo(first.Port));
            Assert.That(first.BaseUrl, Is.EqualTo($"http://127.0.0.1:{first.Port}"));
            Assert.That(first.PublicKeyFingerprint, Is.EqualTo(second.PublicKeyFingerprint), "servers without an explicit key share one");
            Assert.That(first.IsRunning, Is.True);
        });
    }

    [Test]
    public async Task An_explicit_generated_key_gives_a_distinct_server_key()
    {
        await using var shared = await LogFluxTestServer.StartAsync();
        await using var distinct = await LogFluxTestServer.StartAsync(new LogFluxTestServerOptions { RsaPrivateKeyPem = LogFluxTestServer.GenerateRsaPrivateKeyPem() });
        Assert.That(distinct.PublicKeyFingerprint, Is.Not.EqualTo(shared.PublicKeyFingerprint));
    }

    [Test]
    public async Task Stop_and_restart_keep_the_port_the_RSA_key_and_the_session_keys()
    {
        await using var server = await LogFluxTestServer.StartAsync();
        using var client = new TestClient(server);
        var (keyId, key) = await client.HandshakeAsync();
        int port = server.Port;
        string fingerprint = server.PublicKeyFingerprint;

        await server.StopAsync();
        await server.StopAsync(); // idempotent
        Assert.That(server.IsRunning, Is.False);
        Assert.That(async () => (await client.Http.GetAsync("/health")).Dispose(), Throws.InstanceOf<HttpRequestException>());

        await server.RestartAsync();
        using var response = await client.IngestAsync(new TestMultipart().AddEncrypted(1, Payloads.Log("after restart"), keyId, key));

        Assert.Multiple(() =>
        {
            Assert.That(server.Port, Is.EqualTo(port));
            Assert.That(server.PublicKeyFingerprint, Is.EqualTo(fingerprint));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(server.Entries.Single().Message, Is.EqualTo("after restart"));
        });
    }

    [Test]
    public async Task Fixed_port_option_is_honoured()
    {
        int port;
        await using (var probe = await LogFluxTestServer.StartAsync())
        {
            port = probe.Port;
        }

        await using var server = await LogFluxTestServer.StartAsync(new LogFluxTestServerOptions { Port = port });
        Assert.That(server.Port, Is.EqualTo(port));
    }

    [Test]
    public async Task RevokeAllKeys_makes_known_key_ids_unknown()
    {
        await using var server = await LogFluxTestServer.StartAsync();
        using var client = new TestClient(server);
        var (keyId, key) = await client.HandshakeAsync();
        server.RegisterKey(KeyId, Key);
        Assert.That(server.ActiveKeyCount, Is.EqualTo(2));

        server.RevokeAllKeys();
        using var response = await client.IngestAsync(new TestMultipart().AddEncrypted(1, Payloads.Log(), keyId, key));

        Assert.That(server.ActiveKeyCount, Is.Zero);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Clear_forgets_entries_and_requests_but_not_keys()
    {
        await using var server = await LogFluxTestServer.StartAsync();
        server.RegisterKey(KeyId, Key);
        using var client = new TestClient(server);
        (await client.IngestAsync(new TestMultipart().AddEncrypted(1, Payloads.Log(), KeyId, Key))).Dispose();

        server.Clear();
        using var response = await client.IngestAsync(new TestMultipart().AddEncrypted(1, Payloads.Log("second"), KeyId, Key));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(server.Entries.Single().Message, Is.EqualTo("second"));
        Assert.That(server.Requests.Single().Number, Is.EqualTo(2), "request numbers keep counting");
    }

    [Test]
    public async Task WaitForEntriesAsync_completes_when_entries_arrive_later()
    {
        await using var server = await LogFluxTestServer.StartAsync();
        server.RegisterKey(KeyId, Key);
        using var client = new TestClient(server);

        var waiting = server.WaitForEntriesAsync(2, TimeSpan.FromSeconds(10));
        Assert.That(waiting.IsCompleted, Is.False);
        (await client.IngestAsync(new TestMultipart().AddEncrypted(1, Payloads.Log("a"), KeyId, Key))).Dispose();
        (await client.IngestAsync(new TestMultipart().AddEncrypted(1, Payloads.Log("b"), KeyId, Key))).Dispose();

        var entries = await waiting;
        Assert.That(entries.Select(e => e.Message), Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public async Task Wait_timeouts_list_what_arrived_and_what_was_refused()
    {
        await using var server = await LogFluxTestServer.StartAsync();
        server.RegisterKey(KeyId, Key);
        using var client = new TestClient(server);
        (await client.IngestAsync(new TestMultipart().AddEncrypted(1, Payloads.Log("only one"), KeyId, Key))).Dispose();
        (await client.IngestAsync(new TestMultipart().AddEncrypted(2, Payloads.Log(), KeyId, Key))).Dispose();

        var ex = Assert.ThrowsAsync<TimeoutException>(() => server.WaitForEntriesAsync(3, TimeSpan.FromMilliseconds(200)));
        Assert.That(ex!.Message, Does.Contain("waiting for 3 entries; 1 arrived")
            .And.Contain("log/info [checkout-api] only one")
            .And.Contain("#2 POST /v1/ingest -> 400 (1 part(s)): part 1: field 'type' is \"log\" but entry type 2 requires \"metric\""));
        Assert.That(ex.Message, Does.Not.Contain(TestClient.ApiKey));

        var entryTimeout = Assert.ThrowsAsync<TimeoutException>(() => server.WaitForEntryAsync(e => e.Level == 1, TimeSpan.FromMilliseconds(50)));
        Assert.That(entryTimeout!.Message, Does.Contain("waiting for a matching entry"));
        var requestTimeout = Assert.ThrowsAsync<TimeoutException>(() => server.WaitForRequestAsync(r => r.StatusCode == 500, TimeSpan.FromMilliseconds(50)));
        Assert.That(requestTimeout!.Message, Does.Contain("waiting for a matching request; 2 seen"));
    }

    [Test]
    public async Task OnEntry_sees_each_accepted_entry_and_its_exceptions_are_contained()
    {
        var seen = new List<string?>();
        await using var server = await LogFluxTestServer.StartAsync(new LogFluxTestServerOptions
        {
            OnEntry = entry =>
            {
                lock (seen)
                {
                    seen.Add(entry.Message);
                }

                throw new InvalidOperationException("observer bug");
            },
        });
        server.RegisterKey(KeyId, Key);
        using var client = new TestClient(server);

        using var response = await client.IngestAsync(new TestMultipart().AddEncrypted(1, Payloads.Log("x"), KeyId, Key).AddEncrypted(1, Payloads.Log("y"), KeyId, Key));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(seen, Is.EqualTo(new[] { "x", "y" }));
    }

    [Test]
    public async Task Request_records_redact_the_authorization_header()
    {
        await using var server = await LogFluxTestServer.StartAsync();
        using var client = new TestClient(server);
        (await client.InitAsync()).Dispose();

        var request = server.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.Headers["Authorization"], Is.EqualTo("[redacted]"));
            Assert.That(request.Headers["Content-Type"], Is.EqualTo("application/json"));
            Assert.That(request.ToString(), Does.Not.Contain(TestClient.ApiKey));
            Assert.That(request.Succeeded, Is.True);
            Assert.That(request.BodyLength, Is.GreaterThan(0));
        });
    }

    [Test]
    public async Task Concurrent_requests_are_all_recorded()
    {
        await using var server = await LogFluxTestServer.StartAsync();
        server.RegisterKey(KeyId, Key);
        using var client = new TestClient(server);

        var sends = Enumerable.Range(0, 40).Select(async i =>
        {
            using var response = await client.IngestAsync(new TestMultipart().AddEncrypted(1, Payloads.Log("m" + i), KeyId, Key).AddEncrypted(1, Payloads.Log("n" + i), KeyId, Key));
            return response.StatusCode;
        });
        var statuses = await Task.WhenAll(sends);

        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.Accepted));
        var entries = await server.WaitForEntriesAsync(80, TimeSpan.FromSeconds(5));
        Assert.That(entries.Select(e => e.Message).Distinct().Count(), Is.EqualTo(80));
        // Entries of one request stay next to each other.
        foreach (var group in entries.GroupBy(e => e.RequestNumber))
        {
            int first = entries.ToList().IndexOf(group.First());
            Assert.That(entries[first + 1].RequestNumber, Is.EqualTo(group.Key));
        }
    }

    [Test]
    public async Task Dispose_stops_the_server_and_is_repeatable()
    {
        var server = await LogFluxTestServer.StartAsync();
        server.Dispose();
        await server.DisposeAsync();
        Assert.That(server.IsRunning, Is.False);
        Assert.That(() => server.RestartAsync(), Throws.InstanceOf<ObjectDisposedException>());
    }

    [Test]
    public void Invalid_options_are_refused()
    {
        Assert.That(() => LogFluxTestServer.StartAsync(new LogFluxTestServerOptions { Port = -1 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => LogFluxTestServer.StartAsync(new LogFluxTestServerOptions { MaxRequestSize = -5 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => new LogFluxTestServerOptions().AcceptJavaMgf1Sha1, Is.True);
    }
}
