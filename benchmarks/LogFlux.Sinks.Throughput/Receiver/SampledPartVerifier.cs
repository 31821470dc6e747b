using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LogFlux.Sinks.Throughput.Receiver;

/// <summary>
/// Fully decodes one multipart part the way the service would (docs/protocol.md#ingest-request and docs/protocol.md#common-fields): part headers,
/// AES-256-GCM open with the part's key id and nonce (types 1–6), gunzip with a standard decoder when the
/// bytes start with <c>1f 8b</c> (capped at 10 MiB), and a JSON object carrying <c>v</c> "2.0", the
/// <c>type</c> that matches the entry type, and <c>ts</c>. Used on a sample only, so it allocates freely.
/// </summary>
internal static class SampledPartVerifier
{
    private const int TagSize = 16;
    private const int NonceSize = 12;
    private const int MaxInflatedBytes = 10 * 1024 * 1024;

    /// <summary>Returns null when the part decodes, otherwise why it does not.</summary>
    public static string? Verify(ReadOnlySpan<byte> part, HandshakeKeys keys)
    {
        int split = part.IndexOf("\r\n\r\n"u8);
        if (split < 0) return "no empty line after the part headers";
        var headers = ReadHeaders(part[..split], out string? headerProblem);
        if (headerProblem is not null) return headerProblem;
        var body = part[(split + 4)..];

        byte[] payload;
        if (headers.EntryType <= 6)
        {
            if (headers.PayloadType != 1) return $"entry type {headers.EntryType} needs payload type 1, got {headers.PayloadType}";
            if (headers.KeyId is null) return "X-LF-Key-ID missing";
            if (!keys.TryGetSessionKey(headers.KeyId, out var key)) return $"unknown key id '{headers.KeyId}'";
            if (headers.Nonce is null) return "X-LF-Nonce missing or not 12 bytes of base64";
            string? openProblem = Open(key, headers.Nonce, body, out payload);
            if (openProblem is not null) return openProblem;
        }
        else
        {
            if (headers.PayloadType != 3) return $"entry type 7 needs payload type 3, got {headers.PayloadType}";
            if (headers.KeyId is not null || headers.Nonce is not null) return "entry type 7 must not carry X-LF-Key-ID / X-LF-Nonce";
            payload = body.ToArray();
        }

        byte[] json = payload;
        if (payload.Length >= 2 && payload[0] == 0x1f && payload[1] == 0x8b)
        {
            string? gunzipProblem = Gunzip(payload, out json);
            if (gunzipProblem is not null) return gunzipProblem;
        }

        return CheckJson(json, headers.EntryType);
    }

    private static PartHeaders ReadHeaders(ReadOnlySpan<byte> block, out string? problem)
    {
        var headers = new PartHeaders();
        bool contentType = false, timestamp = false;
        problem = null;
        while (!block.IsEmpty)
        {
            int eol = block.IndexOf("\r\n"u8);
            var line = eol < 0 ? block : block[..eol];
            block = eol < 0 ? default : block[(eol + 2)..];
            int colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                problem = "part header line without a name";
                return headers;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ');
            if (Ascii.EqualsIgnoreCase(name, "Content-Type"u8)) contentType = Ascii.EqualsIgnoreCase(value, "application/octet-stream"u8);
            else if (Ascii.EqualsIgnoreCase(name, "X-LF-Entry-Type"u8)) headers.EntryType = SmallInt(value);
            else if (Ascii.EqualsIgnoreCase(name, "X-LF-Payload-Type"u8)) headers.PayloadType = SmallInt(value);
            else if (Ascii.EqualsIgnoreCase(name, "X-LF-Timestamp"u8)) timestamp = IsUtcTimestamp(value);
            else if (Ascii.EqualsIgnoreCase(name, "X-LF-Key-ID"u8)) headers.KeyId = value.IsEmpty ? null : Encoding.ASCII.GetString(value);
            else if (Ascii.EqualsIgnoreCase(name, "X-LF-Nonce"u8)) headers.Nonce = Nonce(value);
        }

        if (!contentType) problem = "Content-Type: application/octet-stream missing";
        else if (headers.EntryType is < 1 or > 7) problem = "X-LF-Entry-Type missing or not 1-7";
        else if (!timestamp) problem = "X-LF-Timestamp missing or not an RFC 3339 UTC time";
        return headers;
    }

    private static string? Open(byte[] key, byte[] nonce, ReadOnlySpan<byte> body, out byte[] plaintext)
    {
        plaintext = [];
        if (body.Length < TagSize) return $"encrypted body of {body.Length} bytes is shorter than the GCM tag";
        var result = new byte[body.Length - TagSize];
        try
        {
            using var gcm = new AesGcm(key, TagSize);
            gcm.Decrypt(nonce, body[..^TagSize], body[^TagSize..], result);
        }
        catch (CryptographicException ex)
        {
            return "AES-GCM open failed: " + ex.Message;
        }

        plaintext = result;
        return null;
    }

    private static string? Gunzip(byte[] compressed, out byte[] inflated)
    {
        inflated = [];
        byte[] buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            using var gzip = new GZipStream(new MemoryStream(compressed, writable: false), CompressionMode.Decompress);
            using var output = new MemoryStream();
            int read;
            while ((read = gzip.Read(buffer, 0, buffer.Length)) > 0)
            {
                output.Write(buffer, 0, read);
                if (output.Length > MaxInflatedBytes) return $"gzip payload inflates beyond {MaxInflatedBytes} bytes";
            }

            inflated = output.ToArray();
            return null;
        }
        catch (InvalidDataException ex)
        {
            return "gunzip failed: " + ex.Message;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string? CheckJson(byte[] json, int entryType)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return "payload is not a JSON object";
            if (!root.TryGetProperty("v", out var v) || v.ValueKind != JsonValueKind.String || v.GetString() != "2.0") return "payload field v is not \"2.0\"";
            string expected = ExpectedType(entryType);
            if (!root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != expected)
                return $"payload field type is not \"{expected}\" (entry type {entryType})";
            if (!root.TryGetProperty("ts", out var ts) || ts.ValueKind != JsonValueKind.String) return "payload field ts missing";
            return null;
        }
        catch (JsonException ex)
        {
            return "payload is not valid JSON: " + ex.Message;
        }
    }

    private static string ExpectedType(int entryType) => entryType switch
    {
        1 => "log",
        2 => "metric",
        3 => "trace",
        4 => "event",
        5 => "audit",
        _ => "telemetry",
    };

    private static int SmallInt(ReadOnlySpan<byte> value) =>
        value.Length == 1 && value[0] is >= (byte)'0' and <= (byte)'9' ? value[0] - '0' : -1;

    private static byte[]? Nonce(ReadOnlySpan<byte> value)
    {
        var nonce = new byte[NonceSize];
        var status = Base64.DecodeFromUtf8(value, nonce, out int consumed, out int written);
        return status == OperationStatus.Done && consumed == value.Length && written == NonceSize ? nonce : null;
    }

    private static bool IsUtcTimestamp(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty || value[^1] != (byte)'Z') return false;
        return DateTimeOffset.TryParse(Encoding.ASCII.GetString(value), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);
    }

    private sealed class PartHeaders
    {
        public int EntryType { get; set; } = -1;
        public int PayloadType { get; set; } = -1;
        public string? KeyId { get; set; }
        public byte[]? Nonce { get; set; }
    }
}
