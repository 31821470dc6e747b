using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LogFlux.Sinks.Core.Tests.Support;
using static LogFlux.Sinks.Core.Tests.Transport.TransportTestKit;

namespace LogFlux.Sinks.Core.Tests.Transport;

/// <summary>The exact handshake bodies, checked against a stub that answers with the vector server key.</summary>
[TestFixture]
public class HandshakeWireFormatTests
{
    [Test]
    public async Task Both_bodies_carry_the_key_and_the_secret_decrypts_to_the_session_key()
    {
        var examples = Vectors.Section("handshake_examples");
        var rsa = Vectors.Section("rsa_oaep");
        await using var stub = StubHttpServer.Start(r => r.Path switch
        {
            "/v1/handshake/init" => new StubResponse(200, examples.GetProperty("init_response_top_level").GetRawText()),
            "/v1/handshake/complete" => new StubResponse(201, examples.GetProperty("complete_response_wrapped").GetRawText()),
            _ => new StubResponse(404),
        });
        await using var transport = Create(TransportOptions(stub.BaseUrl));

        var key = await Within(transport.GetSessionAsync(CancellationToken.None));

        var init = stub.Requests.Single(r => r.Path == "/v1/handshake/init");
        var complete = stub.Requests.Single(r => r.Path == "/v1/handshake/complete");
        Assert.That(Encoding.UTF8.GetString(init.Body), Is.EqualTo("{\"api_key\":\"" + ApiKey + "\"}"));
        Assert.That(init.Headers["Content-Type"], Is.EqualTo("application/json"));
        Assert.That(init.Headers["Authorization"], Is.EqualTo("Bearer " + ApiKey));
        Assert.That(init.Headers.ContainsKey("Accept"), Is.False);
        Assert.That(complete.Headers["Authorization"], Is.EqualTo("Bearer " + ApiKey));

        using var body = JsonDocument.Parse(complete.Body);
        Assert.That(body.RootElement.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "api_key", "encrypted_secret" }));
        Assert.That(body.RootElement.GetProperty("api_key").GetString(), Is.EqualTo(ApiKey));
        var secret = body.RootElement.GetProperty("encrypted_secret").GetString()!;
        Assert.That(secret, Has.Length.EqualTo(344));
        Assert.That(Encoding.UTF8.GetString(complete.Body), Does.Contain(secret), "base64 must not be JSON-escaped");

        using var privateKey = RSA.Create();
        privateKey.ImportFromPem(rsa.GetProperty("private_key_pem").GetString());
        var unwrapped = privateKey.Decrypt(Convert.FromBase64String(secret), RSAEncryptionPadding.OaepSHA256);
        Assert.That(unwrapped, Is.EqualTo(key.Key.ToArray()));
        Assert.That(key.KeyId, Is.EqualTo("3f2c9a4e-8b1d-4c6f-9e2a-7d5b1c0e4f8a"));
        Assert.That(key.ServerKeyFingerprint, Is.EqualTo(rsa.GetProperty("public_key_fingerprint").GetString()));
    }
}
