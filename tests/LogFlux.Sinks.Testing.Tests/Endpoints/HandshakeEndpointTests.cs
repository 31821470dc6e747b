using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using LogFlux.Sinks.Testing.Tests.Support;

namespace LogFlux.Sinks.Testing.Tests.Endpoints;

public class HandshakeEndpointTests
{
    private LogFluxTestServer _server = null!;
    private TestClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await LogFluxTestServer.StartAsync(new LogFluxTestServerOptions
        {
            RsaPrivateKeyPem = Vectors.RsaPrivateKeyPem,
            MaxBatchSize = 50,
            MaxRequestSize = 5_000_000,
        });
        _client = new TestClient(_server);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Test]
    public async Task Init_announces_the_public_key_multipart_support_and_limits()
    {
        using var response = await _client.InitAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("public_key").GetString(), Is.EqualTo(Vectors.Rsa.S("public_key_pem")));
            Assert.That(root.GetProperty("supports_multipart").GetBoolean(), Is.True);
            Assert.That(root.GetProperty("limits").GetProperty("max_batch_size").GetInt32(), Is.EqualTo(50));
            Assert.That(root.GetProperty("limits").GetProperty("max_request_size").GetInt64(), Is.EqualTo(5_000_000));
            Assert.That(root.GetProperty("limits").TryGetProperty("max_payload_size", out _), Is.False, "0 means not announced");
            Assert.That(_server.PublicKeyFingerprint, Is.EqualTo(Vectors.Rsa.S("public_key_fingerprint")));
        });
    }

    [Test]
    public async Task Complete_with_MGF1_SHA256_creates_a_usable_key_id()
    {
        int before = _server.HandshakeCompleteCount;
        var (keyId, key) = await _client.HandshakeAsync();

        Assert.That(Guid.TryParse(keyId, out _), Is.True);
        Assert.That(_server.HandshakeCompleteCount, Is.EqualTo(before + 1));
        using var ingest = await _client.IngestAsync(new TestMultipart().AddEncrypted(1, Payloads.Log("after handshake"), keyId, key));
        Assert.That(ingest.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((await _server.WaitForEntryAsync(e => e.Message == "after handshake")).KeyId, Is.EqualTo(keyId));
    }

    [Test]
    public async Task Complete_accepts_the_vector_ciphertext()
    {
        using var response = await _client.CompleteAsync(Vectors.StandardCiphertext);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        string keyId = KeyIdOf(await response.Content.ReadAsStringAsync());
        await AssertKeyIsAsync(keyId, Vectors.RsaAesKey);
    }

    [Test]
    public async Task Complete_accepts_the_Java_MGF1_SHA1_ciphertext_when_enabled()
    {
        using var response = await _client.CompleteAsync(Vectors.JavaCiphertext);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertKeyIsAsync(KeyIdOf(await response.Content.ReadAsStringAsync()), Vectors.RsaAesKey);
    }

    [Test]
    public async Task Complete_rejects_the_Java_ciphertext_when_disabled()
    {
        await using var strict = await LogFluxTestServer.StartAsync(new LogFluxTestServerOptions
        {
            RsaPrivateKeyPem = Vectors.RsaPrivateKeyPem,
            AcceptJavaMgf1Sha1 = false,
        });
        using var client = new TestClient(strict);
        using var response = await client.CompleteAsync(Vectors.JavaCiphertext);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await TestClient.ErrorMessageAsync(response), Does.Contain("could not be decrypted"));
        Assert.That(strict.ActiveKeyCount, Is.Zero);
    }

    [Test]
    public async Task Complete_rejects_a_secret_that_is_not_32_bytes()
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(_server.PublicKeyPem);
        using var response = await _client.CompleteAsync(rsa.Encrypt(new byte[16], RSAEncryptionPadding.OaepSHA256));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await TestClient.ErrorMessageAsync(response), Is.EqualTo("decrypted secret must be 32 bytes, got 16"));
    }

    [Test]
    public async Task Complete_rejects_a_ciphertext_of_the_wrong_size()
    {
        using var response = await _client.CompleteAsync(Vectors.StandardCiphertext[..255]);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await TestClient.ErrorMessageAsync(response), Is.EqualTo("encrypted_secret must be 256 bytes, got 255"));
    }

    [TestCase("{\"api_key\":\"eu-lf_testkey1234\",\"encrypted_secret\":\"%%%\"}", "field 'encrypted_secret' is not valid base64")]
    [TestCase("{\"api_key\":\"eu-lf_testkey1234\"}", "field 'encrypted_secret' is required (string)")]
    [TestCase("{\"api_key\":\"eu-lf_other\",\"encrypted_secret\":\"\"}", "field 'api_key' does not match the bearer key")]
    [TestCase("{\"encrypted_secret\":\"\"}", "field 'api_key' is required (string)")]
    [TestCase("not json", "body is not valid JSON")]
    [TestCase("[]", "body must be a JSON object")]
    public async Task Complete_rejects_malformed_bodies(string body, string reason)
    {
        using var response = await _client.PostJsonAsync("/v1/handshake/complete", body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await TestClient.ErrorMessageAsync(response), Is.EqualTo(reason));
    }

    [TestCase(null, "missing Authorization header")]
    [TestCase("EU-lf_abc", "API key format is invalid (expected <region>-lf_<key>)")]
    [TestCase("eu-lf_", "API key format is invalid (expected <region>-lf_<key>)")]
    [TestCase("eu-abc", "API key format is invalid (expected <region>-lf_<key>)")]
    public async Task Init_requires_a_valid_bearer_key(string? apiKey, string reason)
    {
        using var response = await _client.PostJsonAsync("/v1/handshake/init", $"{{\"api_key\":\"{apiKey}\"}}", apiKey);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await TestClient.ErrorMessageAsync(response), Is.EqualTo(reason));
        var request = await _server.WaitForRequestAsync(r => r.StatusCode == 401 && r.RejectionReason == reason);
        Assert.That(request.Path, Is.EqualTo("/v1/handshake/init"));
    }

    [Test]
    public async Task Init_requires_application_json()
    {
        using var response = await _client.PostJsonAsync("/v1/handshake/init", "{\"api_key\":\"eu-lf_testkey1234\"}", contentType: "text/plain");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await TestClient.ErrorMessageAsync(response), Is.EqualTo("Content-Type must be application/json"));
    }

    [Test]
    public async Task Required_api_key_refuses_other_valid_keys()
    {
        await using var server = await LogFluxTestServer.StartAsync(new LogFluxTestServerOptions
        {
            RsaPrivateKeyPem = Vectors.RsaPrivateKeyPem,
            RequiredApiKey = "us-lf_only",
        });
        using var client = new TestClient(server);
        using var refused = await client.InitAsync("eu-lf_testkey1234");
        using var accepted = await client.InitAsync("us-lf_only");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(server.HandshakeInitCount, Is.EqualTo(1));
    }

    [Test]
    public async Task Wrapped_responses_use_the_data_envelope()
    {
        await using var server = await LogFluxTestServer.StartAsync(new LogFluxTestServerOptions
        {
            RsaPrivateKeyPem = Vectors.RsaPrivateKeyPem,
            WrapResponses = true,
        });
        using var client = new TestClient(server);
        using var init = await client.InitAsync();
        using var complete = await client.CompleteAsync(Vectors.StandardCiphertext);
        using var initJson = JsonDocument.Parse(await init.Content.ReadAsStringAsync());
        using var completeJson = JsonDocument.Parse(await complete.Content.ReadAsStringAsync());
        Assert.Multiple(() =>
        {
            Assert.That(initJson.RootElement.GetProperty("status").GetString(), Is.EqualTo("success"));
            Assert.That(initJson.RootElement.GetProperty("data").GetProperty("public_key").GetString(), Does.StartWith("-----BEGIN PUBLIC KEY-----"));
            Assert.That(initJson.RootElement.TryGetProperty("public_key", out _), Is.False);
            Assert.That(completeJson.RootElement.GetProperty("data").GetProperty("key_id").GetString(), Is.Not.Empty);
        });
    }

    private static string KeyIdOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("key_id").GetString()!;
    }

    private async Task AssertKeyIsAsync(string keyId, byte[] key)
    {
        string message = "key check " + Guid.NewGuid();
        using var ingest = await _client.IngestAsync(new TestMultipart().AddEncrypted(4, Payloads.Event.Replace("user.signup", message, StringComparison.Ordinal), keyId, key));
        Assert.That(ingest.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await ingest.Content.ReadAsStringAsync());
        Assert.That((await _server.WaitForEntryAsync(e => e.GetString("event") == message)).KeyId, Is.EqualTo(keyId));
    }
}
