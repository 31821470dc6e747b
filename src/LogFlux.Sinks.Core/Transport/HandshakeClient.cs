using System.Buffers;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using LogFlux.Sinks.Crypto;
using LogFlux.Sinks.Diagnostics;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Transport;

/// <summary>The result of a successful handshake. The caller owns <see cref="AesKey"/> and must zero it.</summary>
internal sealed record HandshakeResult(byte[] AesKey, string KeyId, string ServerKeyFingerprint, ServerLimits Limits);

/// <summary>
/// The two-step RSA/AES handshake (docs/protocol.md#handshake): init → check the server key → 32 random bytes →
/// RSA-OAEP-SHA256 wrap → complete → key id. Every failure is a <see cref="TransportException"/> whose text
/// carries the status and at most 200 characters of the body, never the API key; the generated AES key is
/// zeroed on every failure path.
/// </summary>
internal sealed class HandshakeClient
{
    private readonly HttpClient _client;
    private readonly string _apiKey;
    private readonly TimeSpan _timeout;
    private readonly string? _fingerprintPin;
    private readonly SelfDiagnostics _diagnostics;

    public HandshakeClient(HttpClient client, string apiKey, TimeSpan timeout, string? fingerprintPin, SelfDiagnostics diagnostics)
    {
        _client = client;
        _apiKey = apiKey;
        _timeout = timeout;
        _fingerprintPin = string.IsNullOrWhiteSpace(fingerprintPin) ? null : fingerprintPin.Trim();
        _diagnostics = diagnostics;
    }

    public async Task<HandshakeResult> HandshakeAsync(string baseUrl, CancellationToken cancellationToken)
    {
        var init = await InitAsync(baseUrl, cancellationToken).ConfigureAwait(false);
        RSA serverKey;
        string fingerprint;
        try
        {
            serverKey = RsaKeyWrap.ImportServerPublicKey(init.PublicKeyPem!);
            fingerprint = RsaKeyWrap.Fingerprint(serverKey);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or FormatException)
        {
            throw new TransportException("Handshake init: invalid or missing public_key (" + ErrorText.Clean(ex.Message, _apiKey) + ")", inner: ex);
        }
        using (serverKey)
        {
            if (_fingerprintPin is not null && !string.Equals(fingerprint, _fingerprintPin, StringComparison.OrdinalIgnoreCase))
                throw new TransportException($"Handshake init: the server key fingerprint {fingerprint} does not match the configured ServerKeyFingerprint {_fingerprintPin}");
            if (init.SupportsMultipart == false)
                _diagnostics.Warn("The server announced supports_multipart=false; multipart is the only transport, sending it anyway.");

            var aesKey = GC.AllocateUninitializedArray<byte>(32, pinned: true);
            try
            {
                RandomNumberGenerator.Fill(aesKey);
                string wrapped;
                try
                {
                    wrapped = RsaKeyWrap.WrapAesKey(serverKey, aesKey);
                }
                catch (Exception ex) when (ex is CryptographicException or ArgumentException)
                {
                    throw new TransportException("Handshake: wrapping the AES key failed (" + ErrorText.Clean(ex.Message, _apiKey) + ")", inner: ex);
                }
                var keyId = await CompleteAsync(baseUrl, wrapped, cancellationToken).ConfigureAwait(false);
                return new HandshakeResult(aesKey, keyId, fingerprint, init.Limits);
            }
            catch
            {
                CryptographicOperations.ZeroMemory(aesKey);
                throw;
            }
        }
    }

    private async Task<HandshakeInitResponse> InitAsync(string baseUrl, CancellationToken cancellationToken)
    {
        var response = await PostAsync("Handshake init", baseUrl + Protocol.WireNames.HandshakeInitPath, encryptedSecret: null, cancellationToken).ConfigureAwait(false);
        var parsed = HandshakeResponse.ParseInit(response);
        if (parsed is not { PublicKeyPem: { } pem } || !pem.Contains("-----BEGIN PUBLIC KEY-----", StringComparison.Ordinal))
        {
            if (ForeignEndpoint.LooksLikeHtml(response))
                throw new TransportException(ForeignEndpoint.Describe(baseUrl, 200, html: true), 200, notLogFluxEndpoint: true);
            throw new TransportException("Handshake init: invalid or missing public_key" + BodyHint(response));
        }
        return parsed.Value;
    }

    private async Task<string> CompleteAsync(string baseUrl, string encryptedSecret, CancellationToken cancellationToken)
    {
        var response = await PostAsync("Handshake complete", baseUrl + Protocol.WireNames.HandshakeCompletePath, encryptedSecret, cancellationToken).ConfigureAwait(false);
        return HandshakeResponse.ParseKeyId(response)
            ?? throw new TransportException("Handshake complete: no key_id in response" + BodyHint(response));
    }

    /// <summary>POSTs the JSON body and returns the complete 2xx body; everything else becomes a TransportException.</summary>
    private async Task<byte[]> PostAsync(string step, string url, string? encryptedSecret, CancellationToken cancellationToken)
    {
        BoundedResponse response;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url);
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _apiKey);
            var content = new ByteArrayContent(BuildBody(encryptedSecret));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Content = content;
            response = await JsonExchange.SendAsync(_client, request, _timeout, BoundedBody.JsonResponseLimit, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutException ex)
        {
            throw new TransportException($"{step} failed: {ex.Message}", inner: ex);
        }
        catch (Exception ex)
        {
            throw new TransportException($"{step} failed: {ErrorText.Clean(ex.Message, _apiKey)}", inner: ex);
        }
        if (!response.IsSuccess && ForeignEndpoint.IsForeign(response))
            throw new TransportException(ForeignEndpoint.Describe(BaseOf(url), response.StatusCode, ForeignEndpoint.LooksLikeHtml(response.Body)), response.StatusCode, notLogFluxEndpoint: true);
        if (!response.IsSuccess)
            throw new TransportException($"{step} failed with status {response.StatusCode}: {ErrorText.FromBody(response.Body, _apiKey)}", response.StatusCode);
        if (response.TooLarge || response.Body is null)
            throw new TransportException($"{step} failed: response larger than {BoundedBody.JsonResponseLimit} bytes", response.StatusCode);
        return response.Body;
    }

    private static string BaseOf(string url)
    {
        var handshake = url.IndexOf("/v1/handshake", StringComparison.Ordinal);
        return handshake > 0 ? url[..handshake] : url;
    }

    private byte[] BuildBody(string? encryptedSecret)
    {
        var buffer = new ArrayBufferWriter<byte>(encryptedSecret is null ? 64 : 512);
        // Relaxed escaping keeps base64 "+" literal, as in the protocol examples (the JSON is not embedded in HTML).
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("api_key", _apiKey);
            if (encryptedSecret is not null) writer.WriteString("encrypted_secret", encryptedSecret);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private string BodyHint(byte[] body)
    {
        var text = ErrorText.FromBody(body, _apiKey);
        return text.Length == 0 ? string.Empty : ": " + text;
    }
}
