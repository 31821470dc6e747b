using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace LogFlux.Sinks.Throughput.Receiver;

/// <summary>
/// <c>POST /v1/handshake/init</c> and <c>/v1/handshake/complete</c> of the lean receiver, in the shapes
/// <c>LogFluxTestServer</c> answers by default (top level, no limits announced): init returns the SPKI PEM
/// and <c>supports_multipart</c>; complete OAEP-unwraps <c>encrypted_secret</c> and returns the new <c>key_id</c>.
/// </summary>
internal sealed class LeanHandshakeEndpoints
{
    private const int MaxBodyBytes = 64 * 1024;

    private readonly HandshakeKeys _keys;

    public LeanHandshakeEndpoints(HandshakeKeys keys) => _keys = keys;

    public async Task InitAsync(HttpContext context)
    {
        using var body = await ReadAsync(context).ConfigureAwait(false);
        if (body is null) return;
        await ReceiverResponses.JsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("public_key", _keys.PublicKeyPem);
            w.WriteBoolean("supports_multipart", true);
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    public async Task CompleteAsync(HttpContext context)
    {
        byte[]? ciphertext;
        using (var body = await ReadAsync(context).ConfigureAwait(false))
        {
            if (body is null) return;
            if (!body.RootElement.TryGetProperty("encrypted_secret", out var secret) || secret.ValueKind != JsonValueKind.String
                || !secret.TryGetBytesFromBase64(out ciphertext))
            {
                await ReceiverResponses.ErrorAsync(context, 400, "field 'encrypted_secret' is required (base64 string)").ConfigureAwait(false);
                return;
            }
        }

        string? keyId = _keys.TryUnwrap(ciphertext!, out string? failure);
        if (keyId is null)
        {
            await ReceiverResponses.ErrorAsync(context, 400, failure!).ConfigureAwait(false);
            return;
        }

        await ReceiverResponses.JsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("status", "success");
            w.WriteString("key_id", keyId);
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks the bearer header, the JSON content type and that the body's <c>api_key</c> equals the bearer key;
    /// returns the parsed body, or null after answering the refusal.
    /// </summary>
    private static async Task<JsonDocument?> ReadAsync(HttpContext context)
    {
        var request = context.Request;
        string? apiKey = BearerHeader.ApiKey(request);
        if (apiKey is null)
        {
            await ReceiverResponses.ErrorAsync(context, 401, "missing or malformed Authorization: Bearer header").ConfigureAwait(false);
            return null;
        }

        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            await ReceiverResponses.ErrorAsync(context, 400, "Content-Type must be application/json").ConfigureAwait(false);
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                await ReceiverResponses.ErrorAsync(context, 413, $"handshake body larger than {MaxBodyBytes} bytes").ConfigureAwait(false);
                return null;
            }
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.ToArray());
        }
        catch (JsonException)
        {
            await ReceiverResponses.ErrorAsync(context, 400, "body is not valid JSON").ConfigureAwait(false);
            return null;
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("api_key", out var bodyKey)
            || bodyKey.ValueKind != JsonValueKind.String || bodyKey.GetString() != apiKey)
        {
            document.Dispose();
            await ReceiverResponses.ErrorAsync(context, 400, "field 'api_key' is required and must match the bearer key").ConfigureAwait(false);
            return null;
        }

        return document;
    }
}
