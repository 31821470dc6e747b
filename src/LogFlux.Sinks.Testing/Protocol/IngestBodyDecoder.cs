using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using LogFlux.Sinks.Protocol;
using LogFlux.Sinks.Testing.Crypto;

namespace LogFlux.Sinks.Testing.Protocol;

/// <summary>
/// Turns a multipart ingest body into received entries: part headers, AES-GCM opening, gunzip and payload
/// validation. Every part is checked so that all problems are reported; any problem refuses the whole request.
/// </summary>
internal sealed class IngestBodyDecoder(SessionKeyStore keys, long maxPayloadSize, bool acceptMissingCrlf = false)
{
    public IngestDecodeResult Decode(byte[] body, string boundary, int requestNumber, string apiKey, DateTimeOffset now)
    {
        IReadOnlyList<MultipartPart> parts;
        int missingCrlf;
        try
        {
            parts = MultipartBodyParser.Parse(body, boundary, acceptMissingCrlf, out missingCrlf);
        }
        catch (MultipartFormatException ex)
        {
            return new IngestDecodeResult([], [new PartProblem(400, ex.Message)], 0);
        }

        IReadOnlyList<string> warnings = missingCrlf == 0
            ? []
            : [$"{missingCrlf} delimiter(s) without the CRLF before \"--<boundary>\" (the JavaScript SDK's framing), accepted because AcceptMissingCrlfBeforeBoundary is on"];

        var entries = new List<ReceivedEntry>(parts.Count);
        var problems = new List<PartProblem>();
        foreach (var part in parts)
        {
            try
            {
                entries.Add(DecodePart(part, requestNumber, apiKey, now));
            }
            catch (PartRejectedException ex)
            {
                problems.Add(new PartProblem(ex.StatusCode, $"part {part.Number}: {ex.Message}"));
            }
        }

        return new IngestDecodeResult(problems.Count == 0 ? entries : [], problems, parts.Count, warnings);
    }

    private ReceivedEntry DecodePart(MultipartPart part, int requestNumber, string apiKey, DateTimeOffset now)
    {
        string contentType = Require(part, "Content-Type");
        if (!string.Equals(contentType, WireNames.PartContentType, StringComparison.OrdinalIgnoreCase))
        {
            throw Bad($"Content-Type must be {WireNames.PartContentType}, got \"{contentType}\"");
        }

        if (part.Header("Content-Transfer-Encoding") is not null)
        {
            throw Bad("Content-Transfer-Encoding is not allowed (part bodies are raw bytes)");
        }

        int entryType = RequireInteger(part, WireNames.EntryTypeHeader);
        if (entryType is < 1 or > 7)
        {
            throw Bad($"{WireNames.EntryTypeHeader} must be 1-7, got {entryType}");
        }

        int payloadType = RequireInteger(part, WireNames.PayloadTypeHeader);
        int expectedPayloadType = entryType == 7 ? WireNames.PayloadTypeCompressedOnly : WireNames.PayloadTypeEncrypted;
        if (payloadType != expectedPayloadType)
        {
            throw Bad($"{WireNames.PayloadTypeHeader} must be {expectedPayloadType} for entry type {entryType}, got {payloadType}");
        }

        string timestamp = Require(part, WireNames.TimestampHeader);
        if (!Rfc3339Timestamp.TryParseUtc(timestamp, out _))
        {
            throw Bad($"{WireNames.TimestampHeader} must be an RFC 3339 UTC timestamp, got \"{timestamp}\"");
        }

        if (maxPayloadSize > 0 && part.Body.Count > maxPayloadSize)
        {
            throw new PartRejectedException(
                (int)HttpStatusCode.RequestEntityTooLarge,
                $"payload of {part.Body.Count} bytes exceeds max_payload_size {maxPayloadSize}");
        }

        string? keyId = null;
        string? nonceBase64 = null;
        byte[] data;
        if (entryType == 7)
        {
            if (part.Header(WireNames.KeyIdHeader) is not null || part.Header(WireNames.NonceHeader) is not null)
            {
                throw Bad($"{WireNames.KeyIdHeader} and {WireNames.NonceHeader} must be absent for entry type 7");
            }

            data = part.Body.ToArray();
        }
        else
        {
            keyId = Require(part, WireNames.KeyIdHeader);
            nonceBase64 = Require(part, WireNames.NonceHeader);
            data = Open(part.Body, keyId, DecodeNonce(nonceBase64));
        }

        bool compressed = BoundedGzip.HasMagic(data);
        if (compressed)
        {
            data = BoundedGzip.TryDecompress(data, out string? gzipError) ?? throw Bad(gzipError!);
        }

        System.Text.Json.JsonDocument document;
        try
        {
            document = PayloadValidator.Parse(data, entryType);
        }
        catch (PayloadValidationException ex)
        {
            throw Bad(ex.Message);
        }

        using (document)
        {
            return new ReceivedEntry(
                entryType,
                payloadType,
                timestamp,
                keyId,
                nonceBase64,
                compressed,
                Encoding.UTF8.GetString(data),
                document.RootElement.Clone(),
                requestNumber,
                part.Number,
                now,
                apiKey);
        }
    }

    private byte[] Open(ArraySegment<byte> body, string keyId, byte[] nonce)
    {
        if (!keys.TryGet(keyId, out byte[] key))
        {
            throw new PartRejectedException((int)HttpStatusCode.Unauthorized, $"unknown key id \"{keyId}\"");
        }

        if (body.Count < WireNames.TagSize)
        {
            throw Bad($"body of {body.Count} bytes is shorter than the {WireNames.TagSize}-byte GCM tag");
        }

        var span = body.AsSpan();
        var plaintext = new byte[body.Count - WireNames.TagSize];
        try
        {
            using var aes = new AesGcm(key, WireNames.TagSize);
            aes.Decrypt(nonce, span[..^WireNames.TagSize], span[^WireNames.TagSize..], plaintext);
        }
        catch (CryptographicException)
        {
            throw Bad("authentication tag mismatch");
        }

        return plaintext;
    }

    private static byte[] DecodeNonce(string nonceBase64)
    {
        byte[] nonce;
        try
        {
            nonce = Convert.FromBase64String(nonceBase64);
        }
        catch (FormatException)
        {
            throw Bad($"{WireNames.NonceHeader} is not valid base64");
        }

        if (nonce.Length != WireNames.NonceSize)
        {
            throw Bad($"{WireNames.NonceHeader} must encode {WireNames.NonceSize} bytes, got {nonce.Length}");
        }

        return nonce;
    }

    private static string Require(MultipartPart part, string name)
    {
        string? value = part.Header(name);
        return string.IsNullOrEmpty(value) ? throw Bad($"missing {name} header") : value;
    }

    private static int RequireInteger(MultipartPart part, string name)
    {
        string text = Require(part, name);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw Bad($"{name} must be an integer, got \"{text}\"");
    }

    private static PartRejectedException Bad(string reason) => new((int)HttpStatusCode.BadRequest, reason);

    private sealed class PartRejectedException(int statusCode, string reason) : Exception(reason)
    {
        public int StatusCode { get; } = statusCode;
    }
}
