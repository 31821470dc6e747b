using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Keys;

/// <summary>
/// The content of a key file (docs/protocol.md#key-file-format). Holds a copy of the AES key: dispose it to zero that copy.
/// <see cref="ToString"/> never shows key material.
/// </summary>
internal sealed class KeyFileContent(string binding, string endpoint, string keyId, ReadOnlySpan<byte> aesKey, DateTimeOffset createdAt,
    string? serverKeyFingerprint, ServerLimits limits, long nonceBudgetUsed, string? writer) : IDisposable
{
    public const string Format = "logflux-keyfile";
    public const int Version = 1;

    /// <summary>
    /// <c>none</c>: the key is stored as plain base64 and protected by owner-only file permissions. Windows DPAPI
    /// (<c>dpapi-user</c>) needs a Windows-only package, so this cross-platform build writes <c>none</c> everywhere.
    /// </summary>
    public const string ProtectionNone = "none";

    private readonly byte[] _aesKey = PinnedCopy(aesKey);

    public string Binding => binding;
    public string Endpoint => endpoint;
    public string KeyId => keyId;
    public ReadOnlySpan<byte> AesKey => _aesKey;
    public DateTimeOffset CreatedAt => createdAt;
    public string? ServerKeyFingerprint => serverKeyFingerprint;
    public ServerLimits Limits => limits;
    public long NonceBudgetUsed => nonceBudgetUsed;
    public string? Writer => writer;

    public void Dispose() => CryptographicOperations.ZeroMemory(_aesKey);

    private static byte[] PinnedCopy(ReadOnlySpan<byte> key)
    {
        var copy = GC.AllocateUninitializedArray<byte>(key.Length, pinned: true);
        key.CopyTo(copy);
        return copy;
    }

    public override string ToString() => $"KeyFileContent(key_id={KeyId}, endpoint={Endpoint})";

    /// <summary>Serialises to UTF-8 JSON. The caller zeroes the returned buffer after writing it.</summary>
    public byte[] ToUtf8()
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        Span<char> base64 = stackalloc char[64];
        Convert.TryToBase64Chars(_aesKey, base64, out var written);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteNumber("version", Version);
            writer.WriteString("binding", Binding);
            writer.WriteString("endpoint", Endpoint);
            writer.WriteString("key_id", KeyId);
            writer.WriteString("aes_key", base64[..written]);
            writer.WriteString("aes_key_protection", ProtectionNone);
            writer.WriteString("created_at", Protocol.Rfc3339.Format(CreatedAt));
            if (ServerKeyFingerprint is not null) writer.WriteString("server_key_fingerprint", ServerKeyFingerprint);
            if (Limits != ServerLimits.None)
            {
                writer.WriteStartObject("limits");
                writer.WriteNumber("max_batch_size", Limits.MaxBatchSize);
                writer.WriteNumber("max_payload_size", Limits.MaxPayloadSize);
                writer.WriteNumber("max_request_size", Limits.MaxRequestSize);
                writer.WriteEndObject();
            }
            writer.WriteNumber("nonce_budget_used", NonceBudgetUsed);
            if (Writer is not null) writer.WriteString("writer", Writer);
            writer.WriteEndObject();
        }
        base64.Clear();
        var result = buffer.WrittenSpan.ToArray();
        buffer.Clear();
        return result;
    }

    /// <summary>
    /// Parses and checks the fields that do not depend on configuration: format, version, non-blank binding and
    /// key id, a 32-byte key, an absolute http(s) endpoint, a parsable <c>created_at</c>. Returns null with a
    /// reason (never containing key material) when the content is not acceptable.
    /// </summary>
    public static KeyFileContent? TryParse(ReadOnlyMemory<byte> json, out string reason)
    {
        using var document = JsonBody.TryParse(json);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object) { reason = "not a JSON object"; return null; }
        var root = document.RootElement;
        if (JsonBody.NonBlankString(root, "format") != Format) { reason = "unknown format"; return null; }
        if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number
            || !version.TryGetInt32(out var v) || v != Version) { reason = "unknown version"; return null; }
        var binding = JsonBody.NonBlankString(root, "binding");
        if (binding is null) { reason = "missing binding"; return null; }
        var keyId = JsonBody.NonBlankString(root, "key_id");
        if (keyId is null) { reason = "blank key_id"; return null; }
        var endpoint = JsonBody.NonBlankString(root, "endpoint");
        if (endpoint is null || !Uri.TryCreate(endpoint, UriKind.Absolute, out var endpointUri)
            || (endpointUri.Scheme != Uri.UriSchemeHttps && endpointUri.Scheme != Uri.UriSchemeHttp))
        { reason = "invalid endpoint"; return null; }
        var protection = JsonBody.NonBlankString(root, "aes_key_protection") ?? ProtectionNone;
        if (protection != ProtectionNone) { reason = $"unsupported aes_key_protection '{protection}'"; return null; }
        var createdText = JsonBody.NonBlankString(root, "created_at");
        if (createdText is null || !DateTimeOffset.TryParse(createdText, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var createdAt))
        { reason = "invalid created_at"; return null; }
        long nonceBudgetUsed = 0;
        if (root.TryGetProperty("nonce_budget_used", out var budget)
            && (budget.ValueKind != JsonValueKind.Number || !budget.TryGetInt64(out nonceBudgetUsed) || nonceBudgetUsed < 0))
        { reason = "invalid nonce_budget_used"; return null; }

        var key = GC.AllocateUninitializedArray<byte>(32, pinned: true);
        try
        {
            if (!root.TryGetProperty("aes_key", out var keyElement) || keyElement.ValueKind != JsonValueKind.String
                || !keyElement.TryGetBytesFromBase64(out var decoded))
            { reason = "aes_key is not base64"; return null; }
            try
            {
                if (decoded.Length != 32) { reason = "aes_key is not 32 bytes"; return null; }
                decoded.CopyTo(key, 0);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(decoded);
            }
            var limitsObject = JsonBody.Object(root, "limits");
            var limits = limitsObject is { } l
                ? new ServerLimits((int)Math.Min(JsonBody.NonNegativeInteger(l, "max_batch_size"), int.MaxValue),
                    JsonBody.NonNegativeInteger(l, "max_payload_size"), JsonBody.NonNegativeInteger(l, "max_request_size"))
                : ServerLimits.None;
            reason = string.Empty;
            return new KeyFileContent(binding, endpoint.TrimEnd('/'), keyId, key, createdAt,
                JsonBody.NonBlankString(root, "server_key_fingerprint"), limits, nonceBudgetUsed, JsonBody.NonBlankString(root, "writer"));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
