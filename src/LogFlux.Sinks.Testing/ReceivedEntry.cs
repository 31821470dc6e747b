using System.Text.Json;

namespace LogFlux.Sinks.Testing;

/// <summary>One entry the receiver accepted: its part headers and its decrypted, decompressed JSON payload.</summary>
public sealed class ReceivedEntry
{
    internal ReceivedEntry(
        int entryType,
        int payloadType,
        string timestampHeader,
        string? keyId,
        string? nonceBase64,
        bool wasCompressed,
        string rawJson,
        JsonElement json,
        int requestNumber,
        int partNumber,
        DateTimeOffset receivedAt,
        string apiKey)
    {
        EntryType = entryType;
        PayloadType = payloadType;
        TimestampHeader = timestampHeader;
        KeyId = keyId;
        NonceBase64 = nonceBase64;
        WasCompressed = wasCompressed;
        RawJson = rawJson;
        Json = json;
        RequestNumber = requestNumber;
        PartNumber = partNumber;
        ReceivedAt = receivedAt;
        ApiKey = apiKey;
        Type = GetString("type") ?? string.Empty;
        Level = json.GetProperty("level").GetInt32();
        Ts = GetString("ts") ?? string.Empty;
        Attributes = ReadMap(json, "attributes");
        Meta = ReadMap(json, "meta");
    }

    /// <summary>The <c>X-LF-Entry-Type</c> part header (1-7).</summary>
    public int EntryType { get; }

    /// <summary>The <c>X-LF-Payload-Type</c> part header (1 encrypted, 3 compressed only).</summary>
    public int PayloadType { get; }

    /// <summary>The <c>X-LF-Timestamp</c> part header, verbatim.</summary>
    public string TimestampHeader { get; }

    /// <summary>The <c>X-LF-Key-ID</c> part header; null for entry type 7.</summary>
    public string? KeyId { get; }

    /// <summary>The <c>X-LF-Nonce</c> part header (base64 of 12 bytes); null for entry type 7.</summary>
    public string? NonceBase64 { get; }

    /// <summary>Whether the (decrypted) part body was gzip data.</summary>
    public bool WasCompressed { get; }

    /// <summary>The payload JSON text exactly as decoded.</summary>
    public string RawJson { get; }

    /// <summary>The payload JSON (a detached element, safe to keep).</summary>
    public JsonElement Json { get; }

    /// <summary>The payload <c>type</c> field (<c>log</c>, <c>metric</c>, ...).</summary>
    public string Type { get; }

    /// <summary>The payload <c>level</c> field (1-8).</summary>
    public int Level { get; }

    /// <summary>The payload <c>ts</c> field.</summary>
    public string Ts { get; }

    /// <summary>The payload <c>source</c> field, or null when absent.</summary>
    public string? Source => GetString("source");

    /// <summary>The payload <c>message</c> field, or null when absent.</summary>
    public string? Message => GetString("message");

    /// <summary>The payload <c>logger</c> field, or null when absent.</summary>
    public string? Logger => GetString("logger");

    /// <summary>The payload <c>attributes</c> object (empty when absent).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; }

    /// <summary>The payload <c>meta</c> object (empty when absent).</summary>
    public IReadOnlyDictionary<string, string> Meta { get; }

    /// <summary>The number of the HTTP request that carried this entry (see <see cref="ReceivedRequest.Number"/>).</summary>
    public int RequestNumber { get; }

    /// <summary>The 1-based position of this entry's part within its request.</summary>
    public int PartNumber { get; }

    /// <summary>When the receiver accepted the entry.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The bearer API key of the request that carried this entry.</summary>
    public string ApiKey { get; }

    /// <summary>Returns a top-level string property of the payload, or null when absent or not a string.</summary>
    /// <param name="property">The JSON property name.</param>
    public string? GetString(string property) =>
        Json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The decrypted payload as one compact JSON line (no line breaks), e.g. for NDJSON output.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJsonLine() => WebView.EntryJsonLine.Format(this);

    /// <summary>One readable line: type, level, the main text (message, metric, span, event...) and attributes.</summary>
    public override string ToString() => ReceivedEntryFormatter.Format(this);

    private static Dictionary<string, string> ReadMap(JsonElement json, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (json.TryGetProperty(name, out var obj) && obj.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in obj.EnumerateObject())
            {
                map[property.Name] = property.Value.GetString() ?? string.Empty;
            }
        }

        return map;
    }
}
