using System.Net;
using System.Text;
using LogFlux.Sinks.Testing.Tests.Support;

namespace LogFlux.Sinks.Testing.Tests.Endpoints;

public class IngestEndpointTests
{
    private const string KeyId = "ingest-key";
    private static readonly byte[] Key = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();

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
        _server.RevokeAllKeys();
        _server.RegisterKey(KeyId, Key);
    }

    [TestCase(0)]
    [TestCase(1)]
    public async Task Vector_bodies_are_accepted_and_decoded(int index)
    {
        var vector = Vectors.Multipart(index);
        _server.RegisterKey(vector.S("key_id"), Convert.FromHexString(vector.S("aes_key_hex")));

        using var response = await _client.IngestAsync(Convert.FromBase64String(vector.S("body_b64")), vector.S("content_type"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var parts = vector.GetProperty("parts");
        var entries = _server.Entries;
        Assert.That(entries.Select(e => e.RawJson), Is.EqualTo(new[] { parts[0].S("plaintext_json"), parts[1].S("plaintext_json") }));
        Assert.Multiple(() =>
        {
            Assert.That(entries[0].Type, Is.EqualTo("log"));
            Assert.That(entries[0].Message, Is.EqualTo("order placed"));
            Assert.That(entries[0].Source, Is.EqualTo("checkout-api"));
            Assert.That(entries[0].Level, Is.EqualTo(7));
            Assert.That(entries[0].Ts, Is.EqualTo("2026-01-15T10:30:00.123Z"));
            Assert.That(entries[0].Attributes, Is.EquivalentTo(new Dictionary<string, string> { ["order_id"] = "ord_1001", ["user.id"] = "usr_42" }));
            Assert.That(entries[0].Meta["environment"], Is.EqualTo("production"));
            Assert.That(entries[1].Type, Is.EqualTo("telemetry"));
            Assert.That(entries[1].EntryType, Is.EqualTo(7));
            Assert.That(entries[1].GetString("device_id"), Is.EqualTo("dev_0042"));
            Assert.That(entries.Select(e => e.ApiKey), Is.All.EqualTo(TestClient.ApiKey));
            Assert.That(_server.Requests.Single().PartCount, Is.EqualTo(2));
            Assert.That(_server.Requests.Single().AcceptedEntryCount, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Every_entry_type_is_accepted()
    {
        var body = new TestMultipart();
        for (int type = 1; type <= 6; type++)
        {
            body.AddEncrypted(type, Payloads.ForType(type), KeyId, Key, compress: type % 2 == 0);
        }

        body.AddManaged(Payloads.Telemetry);
        using var response = await _client.IngestAsync(body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        Assert.That(_server.Entries.Select(e => e.Type), Is.EqualTo(new[] { "log", "metric", "trace", "event", "audit", "telemetry", "telemetry" }));
        Assert.That(_server.Entries.Select(e => e.WasCompressed), Is.EqualTo(new[] { false, true, false, true, false, true, true }));
        Assert.That(_server.Entries.Select(e => e.PartNumber), Is.EqualTo(Enumerable.Range(1, 7)));
    }

    private static IEnumerable<TestCaseData> MalformedParts()
    {
        TestCaseData Case(string name, Func<TestMultipart, TestMultipart> build, string reason) => new TestCaseData(build, reason).SetName(name);

        yield return Case("Tampered ciphertext byte", b => b.AddEncrypted(1, Payloads.Log(), KeyId, Key, editBody: Flip(0)), "part 1: authentication tag mismatch");
        yield return Case("Tampered tag byte", b => b.AddEncrypted(1, Payloads.Log(), KeyId, Key, editBody: body => Flip(body.Length - 1)(body)), "part 1: authentication tag mismatch");
        yield return Case("Tampered nonce", b => b.AddEncrypted(1, Payloads.Log(), KeyId, Key, editHeaders: h => TestMultipart.Replace(h, "X-LF-Nonce", "X-LF-Nonce: AAAAAAAAAAAAAAAA")), "part 1: authentication tag mismatch");
        yield return Case("Nonce of 8 bytes", b => b.AddEncrypted(1, Payloads.Log(), KeyId, Key, editHeaders: h => TestMultipart.Replace(h, "X-LF-Nonce", "X-LF-Nonce: AAAAAAAAAAA=")), "part 1: X-LF-Nonce must encode 12 bytes, got 8");
        yield return Case("Nonce not base64", b => b.AddEncrypted(1, Payloads.Log(), KeyId, Key, editHeaders: h => TestMultipart.Replace(h, "X-LF-Nonce", "X-LF-Nonce: !!!")), "part 1: X-LF-Nonce is not valid base64");
        yield return Case("Wrong payload type for 1-6", b => b.AddEncrypted(1, Payloads.Log(), KeyId, Key, editHeaders: h => TestMultipart.Replace(h, "X-LF-Payload-Type", "X-LF-Payload-Type: 3")), "part 1: X-LF-Payload-Type must be 1 for entry type 1, got 3");
        yield return Case("Wrong payload type for 7", b => b.AddManaged(Payloads.Telemetry, editHeaders: h => TestMultipart.Replace(h, "X-LF-Payload-Type", "X-LF-Payload-Type: 1")), "part 1: X-LF-Payload-Type must be 3 for entry type 7, got 1");
        yield return Case("Key id on type 7", b => b.AddManaged(Payloads.Telemetry, editHeaders: h => h.Add("X-LF-Key-ID: " + KeyId)), "part 1: X-LF-Key-ID and X-LF-Nonce must be absent for entry type 7");
        yield return Case("Nonce on type 7", b => b.AddManaged(Payloads.Telemetry, editHeaders: h => h.Add("X-LF-Nonce: AAAAAAAAAAAAAAAA")), "part 1: X-LF-Key-ID and X-LF-Nonce must be absent for entry type 7");
        yield return Case("Missing Content-Type", b => b.AddEncrypted(1, Payloads.Log(), KeyId, Key, editHeaders: h => TestMultipart.Replace(h, "Content-Type", null)), "part 1: missing Content-Type header");
        yield return Case("Wrong Content-Type", b => b.AddEncrypted(1, Payloads.Log(), KeyId, Key, editHeaders: h => TestMultipart.Replace(h, "Content-Type", "Content-Type: application/json")), "part 1: Content-Type must be application/octet-stream");
        yield return Case("Missing entry type", b => b.AddEncrypted(1, Payloads.Log(), KeyId, Key, editHeaders: h => TestMultipart.Replace(h, "X-LF-Entry-Type", null)), "part 1: missing X-LF-Entry-Type header");
        yield return Case("Entry type 8", b => b.AddEncrypted(1, Payloads.Log(), KeyId, Key, editHeaders: h => TestMultipart.Replace(h, "X-LF-Entry-Type", "X-LF-Entry-Type: 8")), "part 1: X-LF-Entry-Type must be 1-7, got 8");
        yield return Case("Missing payload type", b => b.AddEncrypted(1, Payloads.Log(), KeyId, Key, editHeaders: h => TestMultipart.Replace(h, "X-LF-Payload-Type", null)), "part 1: missing X-LF-Payload-Type header");
        yield return Case("Missing timestamp", b => b.AddEncrypted(1, Payloads.Log(), KeyId, Key, editHeaders: h => TestMultipart.Replace(h, "X-LF-Timestamp", null)), "part 1: missing X-LF-Timestamp header");
        yield return Case("Local timestamp", b => b.AddEncrypted(1, Payloads.Log(), KeyId, Key, editHeaders: h => TestMultipart.Replace(h, "X-LF-Timestamp", "X-LF-Timestamp: 2026-01-15T10:30:00.123+01:00")), "part 1: X-LF-Timestamp must be an RFC 3339 UTC timestamp");
        yield return Case("Missing key id", b => b.AddEncrypted(1, Payloads.Log(), KeyId, Key, editHeaders: h => TestMultipart.Replace(h, "X-LF-Key-ID", null)), "part 1: missing X-LF-Key-ID header");
        yield return Case("Missing nonce", b => b.AddEncrypted(1, Payloads.Log(), KeyId, Key, editHeaders: h => TestMultipart.Replace(h, "X-LF-Nonce", null)), "part 1: missing X-LF-Nonce header");
        yield return Case("Transfer encoding", b => b.AddEncrypted(1, Payloads.Log(), KeyId, Key, editHeaders: h => h.Add("Content-Transfer-Encoding: base64")), "part 1: Content-Transfer-Encoding is not allowed");
        yield return Case("Bad JSON", b => b.AddEncrypted(1, "{\"v\":", KeyId, Key), "part 1: payload is not valid UTF-8 JSON");
        yield return Case("Wrong v", b => b.AddEncrypted(1, Payloads.Log().Replace("\"2.0\"", "\"1.0\"", StringComparison.Ordinal), KeyId, Key), "part 1: field 'v' must be the string \"2.0\"");
        yield return Case("Wrong type", b => b.AddEncrypted(2, Payloads.Log(), KeyId, Key), "part 1: field 'type' is \"log\" but entry type 2 requires \"metric\"");
        yield return Case("Missing message", b => b.AddEncrypted(1, Payloads.Log().Replace("\"message\"", "\"msg\"", StringComparison.Ordinal), KeyId, Key), "part 1: field 'message' is required (string)");
        yield return Case("Non-string attribute", b => b.AddEncrypted(1, Payloads.Log(attributes: "{\"n\":42}"), KeyId, Key), "part 1: field 'attributes.n' must be a string");
        yield return Case("Bad second part", b => b.AddEncrypted(1, Payloads.Log(), KeyId, Key).AddEncrypted(5, Payloads.Audit.Replace("\"actor\"", "\"who\"", StringComparison.Ordinal), KeyId, Key), "part 2: field 'actor' is required (string)");
    }

    [TestCaseSource(nameof(MalformedParts))]
    public async Task Malformed_parts_are_rejected_with_400_and_nothing_is_stored(Func<TestMultipart, TestMultipart> build, string reason)
    {
        using var response = await _client.IngestAsync(build(new TestMultipart()));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await TestClient.ErrorMessageAsync(response), Does.StartWith(reason));
        var request = _server.Requests.Single();
        Assert.That(request.RejectionReason, Does.StartWith(reason));
        Assert.That(request.PartErrors, Has.Some.StartWith(reason));
        Assert.That(_server.Entries, Is.Empty);
    }

    [Test]
    public async Task Unknown_key_id_is_401()
    {
        using var response = await _client.IngestAsync(new TestMultipart().AddEncrypted(1, Payloads.Log(), "never-issued", Key));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await TestClient.ErrorMessageAsync(response), Is.EqualTo("part 1: unknown key id \"never-issued\""));
    }

    [Test]
    public async Task Missing_bearer_key_is_401()
    {
        using var response = await _client.IngestAsync(new TestMultipart().AddEncrypted(1, Payloads.Log(), KeyId, Key), apiKey: null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(_server.Entries, Is.Empty);
    }

    [TestCase("application/octet-stream")]
    [TestCase("multipart/mixed")]
    [TestCase("multipart/form-data; boundary=abc")]
    public async Task Non_multipart_mixed_content_is_400(string contentType)
    {
        var body = new TestMultipart().AddEncrypted(1, Payloads.Log(), KeyId, Key);
        using var response = await _client.IngestAsync(body.Build(), contentType);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await TestClient.ErrorMessageAsync(response), Does.StartWith("Content-Type must be multipart/mixed with a boundary"));
    }

    [Test]
    public async Task Quoted_boundary_is_accepted()
    {
        var body = new TestMultipart().AddEncrypted(1, Payloads.Log(), KeyId, Key);
        using var response = await _client.IngestAsync(body.Build(), $"multipart/mixed; boundary=\"{body.Boundary}\"");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
    }

    [Test]
    public async Task Broken_framing_is_400()
    {
        var multipart = new TestMultipart().AddEncrypted(1, Payloads.Log(), KeyId, Key).AddEncrypted(4, Payloads.Event, KeyId, Key);
        byte[] body = multipart.Build();
        // Drop the CRLF in front of the second delimiter, as the TypeScript SDK does.
        byte[] delimiter = Encoding.ASCII.GetBytes("\r\n--" + multipart.Boundary + "\r\n");
        int at = body.AsSpan().IndexOf(delimiter);
        byte[] broken = [.. body[..at], .. body[(at + 2)..]];

        using var response = await _client.IngestAsync(broken, multipart.ContentType);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await TestClient.ErrorMessageAsync(response), Does.StartWith("part 1: body contains \"--<boundary>\" without a preceding CRLF (the official JavaScript SDK"));
    }

    [Test]
    public async Task Request_and_payload_size_limits_are_enforced_with_413()
    {
        await using var server = await LogFluxTestServer.StartAsync(new LogFluxTestServerOptions { MaxRequestSize = 2000, MaxPayloadSize = 600 });
        server.RegisterKey(KeyId, Key);
        using var client = new TestClient(server);

        using var fits = await client.IngestAsync(new TestMultipart().AddEncrypted(1, Payloads.Log(), KeyId, Key, compress: false));
        using var partTooBig = await client.IngestAsync(new TestMultipart().AddEncrypted(1, Payloads.Log(new string('p', 700)), KeyId, Key, compress: false));
        using var requestTooBig = await client.IngestAsync(new TestMultipart()
            .AddEncrypted(1, Payloads.Log(new string('a', 400)), KeyId, Key, compress: false)
            .AddEncrypted(1, Payloads.Log(new string('b', 400)), KeyId, Key, compress: false)
            .AddEncrypted(1, Payloads.Log(new string('c', 400)), KeyId, Key, compress: false));

        Assert.Multiple(async () =>
        {
            Assert.That(fits.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(partTooBig.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That(await TestClient.ErrorMessageAsync(partTooBig), Does.Contain("exceeds max_payload_size 600"));
            Assert.That(requestTooBig.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That(await TestClient.ErrorMessageAsync(requestTooBig), Is.EqualTo("request body exceeds 2000 bytes"));
            Assert.That(server.Entries, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task A_large_oversized_upload_still_gets_its_413_answer()
    {
        await using var server = await LogFluxTestServer.StartAsync(new LogFluxTestServerOptions { MaxRequestSize = 10_000 });
        server.RegisterKey(KeyId, Key);
        using var client = new TestClient(server);
        var body = new TestMultipart();
        for (int i = 0; i < 50; i++)
        {
            body.AddEncrypted(1, Payloads.Log(Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4000))), KeyId, Key, compress: false);
        }

        using var response = await client.IngestAsync(body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(server.Requests.Single().BodyLength, Is.GreaterThan(400_000));
    }

    private static Func<byte[], byte[]> Flip(int index) => body =>
    {
        body[index] ^= 0x01;
        return body;
    };
}
