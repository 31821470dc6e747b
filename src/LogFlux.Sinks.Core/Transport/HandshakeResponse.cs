using System.Text.Json;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Transport;

/// <summary>What the handshake init response announces (docs/protocol.md#handshake).</summary>
/// <param name="PublicKeyPem">The server's RSA public key (PEM SPKI), or null when missing/blank.</param>
/// <param name="SupportsMultipart">The <c>supports_multipart</c> flag, or null when absent.</param>
/// <param name="Limits">Announced limits (0 = unknown).</param>
internal readonly record struct HandshakeInitResponse(string? PublicKeyPem, bool? SupportsMultipart, ServerLimits Limits);

/// <summary>Parses handshake responses in both the top-level and the <c>data</c>-wrapped shape (docs/protocol.md#handshake).</summary>
internal static class HandshakeResponse
{
    /// <summary>Returns null when the body is not a JSON object.</summary>
    public static HandshakeInitResponse? ParseInit(ReadOnlyMemory<byte> json)
    {
        using var document = JsonBody.TryParse(json);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object) return null;
        var root = document.RootElement;
        // The top level is used when its public_key is a non-blank string; otherwise the data object.
        var chosen = JsonBody.NonBlankString(root, "public_key") is null && JsonBody.Object(root, "data") is { } data ? data : root;
        bool? multipart = chosen.TryGetProperty("supports_multipart", out var flag) && flag.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? flag.GetBoolean()
            : null;
        // limits.* from the chosen object; without a limits object, flat max_* fields of the same object.
        var limitsObject = JsonBody.Object(chosen, "limits") ?? chosen;
        var batch = JsonBody.NonNegativeInteger(limitsObject, "max_batch_size");
        var limits = new ServerLimits(
            (int)Math.Min(batch, int.MaxValue),
            JsonBody.NonNegativeInteger(limitsObject, "max_payload_size"),
            JsonBody.NonNegativeInteger(limitsObject, "max_request_size"));
        return new HandshakeInitResponse(JsonBody.NonBlankString(chosen, "public_key"), multipart, limits);
    }

    /// <summary>The key id: top-level <c>key_id</c>, top-level <c>key_uuid</c>, <c>data.key_id</c>, <c>data.key_uuid</c>; null when none.</summary>
    public static string? ParseKeyId(ReadOnlyMemory<byte> json)
    {
        using var document = JsonBody.TryParse(json);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object) return null;
        var root = document.RootElement;
        var data = JsonBody.Object(root, "data");
        return JsonBody.NonBlankString(root, "key_id")
            ?? JsonBody.NonBlankString(root, "key_uuid")
            ?? (data is { } d ? JsonBody.NonBlankString(d, "key_id") ?? JsonBody.NonBlankString(d, "key_uuid") : null);
    }
}
