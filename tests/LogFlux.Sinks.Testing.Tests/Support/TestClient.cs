using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LogFlux.Sinks.Testing.Tests.Support;

/// <summary>A hand-rolled protocol client for tests: handshake and ingest with BCL primitives only.</summary>
internal sealed class TestClient : IDisposable
{
    public const string ApiKey = "eu-lf_testkey1234";

    private readonly HttpClient _http;

    public TestClient(LogFluxTestServer server, TimeSpan? timeout = null)
    {
        _http = new HttpClient { BaseAddress = new Uri(server.BaseUrl), Timeout = timeout ?? TimeSpan.FromSeconds(10) };
    }

    public HttpClient Http => _http;

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json, string? apiKey = ApiKey, string contentType = "application/json", CancellationToken ct = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (apiKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + apiKey);
        }

        return _http.SendAsync(request, ct);
    }

    public Task<HttpResponseMessage> InitAsync(string apiKey = ApiKey) =>
        PostJsonAsync("/v1/handshake/init", $"{{\"api_key\":\"{apiKey}\"}}", apiKey);

    public Task<HttpResponseMessage> CompleteAsync(byte[] encryptedSecret, string apiKey = ApiKey) =>
        PostJsonAsync("/v1/handshake/complete", $"{{\"api_key\":\"{apiKey}\",\"encrypted_secret\":\"{Convert.ToBase64String(encryptedSecret)}\"}}", apiKey);

    /// <summary>Full handshake with OAEP-SHA256 (MGF1-SHA256); returns the key id and the AES key.</summary>
    public async Task<(string KeyId, byte[] Key)> HandshakeAsync(string apiKey = ApiKey)
    {
        using var init = await InitAsync(apiKey);
        init.EnsureSuccessStatusCode();
        using var initJson = JsonDocument.Parse(await init.Content.ReadAsStringAsync());
        using var rsa = RSA.Create();
        rsa.ImportFromPem(initJson.RootElement.GetProperty("public_key").GetString());
        byte[] key = RandomNumberGenerator.GetBytes(32);
        using var complete = await CompleteAsync(rsa.Encrypt(key, RSAEncryptionPadding.OaepSHA256), apiKey);
        complete.EnsureSuccessStatusCode();
        using var completeJson = JsonDocument.Parse(await complete.Content.ReadAsStringAsync());
        return (completeJson.RootElement.GetProperty("key_id").GetString()!, key);
    }

    public Task<HttpResponseMessage> IngestAsync(byte[] body, string contentType, string? apiKey = ApiKey, CancellationToken ct = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/ingest") { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return _http.SendAsync(request, ct);
    }

    public Task<HttpResponseMessage> IngestAsync(TestMultipart multipart, string? apiKey = ApiKey, CancellationToken ct = default) =>
        IngestAsync(multipart.Build(), multipart.ContentType, apiKey, ct);

    public static async Task<string> ErrorMessageAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("error").GetProperty("message").GetString()!;
    }

    public void Dispose() => _http.Dispose();
}
