using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace LogFlux.Sinks.Protocol;

/// <summary>
/// Writes the <c>multipart/mixed</c> ingest body of docs/protocol.md#multipart-body into an <see cref="IBufferWriter{T}"/>:
/// one part per entry with the <c>X-LF-*</c> headers in the fixed spelling and order, raw binary part
/// bodies, a CRLF before every delimiter after the first, and the closing delimiter plus CRLF.
/// A part is committed to the output only when it has been written completely.
/// </summary>
internal sealed class MultipartWriter
{
    /// <summary>Every boundary starts with this text, followed by 32 lowercase hex characters.</summary>
    public const string BoundaryPrefix = "logflux-";

    private static ReadOnlySpan<byte> Dashes => "--"u8;
    private static ReadOnlySpan<byte> Crlf => "\r\n"u8;
    private static ReadOnlySpan<byte> ContentTypeLine => "Content-Type: application/octet-stream\r\n"u8;
    private static ReadOnlySpan<byte> EntryTypeName => "X-LF-Entry-Type: "u8;
    private static ReadOnlySpan<byte> PayloadTypeName => "X-LF-Payload-Type: "u8;
    private static ReadOnlySpan<byte> TimestampName => "X-LF-Timestamp: "u8;
    private static ReadOnlySpan<byte> KeyIdName => "X-LF-Key-ID: "u8;
    private static ReadOnlySpan<byte> NonceName => "X-LF-Nonce: "u8;

    private const int NonceBase64Length = 16;
    private const int TagSize = 16;

    private readonly IBufferWriter<byte> _output;
    private readonly byte[] _boundary;
    private bool _completed;

    /// <summary>Creates a writer for one body.</summary>
    /// <param name="output">Where the body goes.</param>
    /// <param name="boundary">An RFC 2046 boundary token (ASCII) that does not occur in the part bodies.</param>
    public MultipartWriter(IBufferWriter<byte> output, string boundary)
    {
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 70) throw new ArgumentException("A boundary has 1 to 70 characters.", nameof(boundary));
        _output = output;
        Boundary = boundary;
        _boundary = Encoding.ASCII.GetBytes(boundary);
    }

    /// <summary>The boundary of this body.</summary>
    public string Boundary { get; }

    /// <summary>Parts written so far.</summary>
    public int PartCount { get; private set; }

    /// <summary>Bytes written so far.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>A fresh boundary: <c>logflux-</c> + 32 lowercase hex characters from 16 CSPRNG bytes.</summary>
    public static string NewBoundary()
    {
        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random);
        return BoundaryPrefix + Convert.ToHexString(random).ToLowerInvariant();
    }

    /// <summary>The request <c>Content-Type</c> for a boundary (unquoted).</summary>
    public static string ContentType(string boundary) => "multipart/mixed; boundary=" + boundary;

    /// <summary>The payload type header value for an entry type: 3 for managed telemetry (7), else 1.</summary>
    public static int PayloadTypeOf(LogFluxEntryType type) =>
        type == LogFluxEntryType.TelemetryManaged ? WireNames.PayloadTypeCompressedOnly : WireNames.PayloadTypeEncrypted;

    /// <summary>True when parts of this entry type are AES-GCM sealed (types 1–6).</summary>
    public static bool IsEncrypted(LogFluxEntryType type) => type != LogFluxEntryType.TelemetryManaged;

    /// <summary>Bytes that one more part adds to the body (leading delimiter, headers, body).</summary>
    public int MeasurePart(int keyIdLength, bool withKeyAndNonce, int bodyLength) =>
        HeaderLength(PartCount > 0, keyIdLength, withKeyAndNonce) + bodyLength;

    /// <summary>Bytes that <see cref="Complete"/> will add.</summary>
    public int ClosingLength => (PartCount > 0 ? Crlf.Length : 0) + Dashes.Length + _boundary.Length + Dashes.Length + Crlf.Length;

    /// <summary>Writes a part whose body is given as is.</summary>
    /// <param name="type">The entry type (1–7).</param>
    /// <param name="payloadType">1 (encrypted) or 3 (compressed only).</param>
    /// <param name="timestamp">The <c>X-LF-Timestamp</c> instant.</param>
    /// <param name="keyIdAscii">The key id; empty to omit <c>X-LF-Key-ID</c> and <c>X-LF-Nonce</c>.</param>
    /// <param name="nonce">The 12-byte nonce (ignored when <paramref name="keyIdAscii"/> is empty).</param>
    /// <param name="body">The part body.</param>
    public void WritePart(LogFluxEntryType type, int payloadType, DateTimeOffset timestamp, ReadOnlySpan<byte> keyIdAscii, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> body)
    {
        var span = BeginPart(type, payloadType, timestamp, keyIdAscii, nonce, body.Length, out int headerLength);
        body.CopyTo(span[headerLength..]);
        Commit(headerLength + body.Length);
    }

    /// <summary>
    /// Writes an encrypted part: seals <paramref name="plaintext"/> with AES-256-GCM under <paramref name="nonce"/>
    /// (no associated data) directly into the body, as ciphertext followed by the 16-byte tag.
    /// </summary>
    public void WriteEncryptedPart(LogFluxEntryType type, DateTimeOffset timestamp, ReadOnlySpan<byte> keyIdAscii, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, AesGcm aes)
    {
        if (keyIdAscii.IsEmpty) throw new ArgumentException("An encrypted part needs a key id.", nameof(keyIdAscii));
        int bodyLength = plaintext.Length + TagSize;
        var span = BeginPart(type, WireNames.PayloadTypeEncrypted, timestamp, keyIdAscii, nonce, bodyLength, out int headerLength);
        var bodySpan = span.Slice(headerLength, bodyLength);
        aes.Encrypt(nonce, plaintext, bodySpan[..plaintext.Length], bodySpan[plaintext.Length..]);
        Commit(headerLength + bodyLength);
    }

    /// <summary>Writes the closing delimiter. No part can follow.</summary>
    public void Complete()
    {
        if (_completed) return;
        var d = _output.GetSpan(ClosingLength);
        int at = PutDelimiter(d);
        at += Put(d, at, Dashes);
        at += Put(d, at, Crlf);
        _output.Advance(at);
        BytesWritten += at;
        _completed = true;
    }

    /// <summary>Writes the start of a delimiter line (CRLF before all but the first part, "--", the boundary).</summary>
    /// <returns>The number of bytes written.</returns>
    private int PutDelimiter(Span<byte> d)
    {
        int at = PartCount > 0 ? Put(d, 0, Crlf) : 0;
        at += Put(d, at, Dashes);
        return at + Put(d, at, _boundary);
    }

    private Span<byte> BeginPart(LogFluxEntryType type, int payloadType, DateTimeOffset timestamp, ReadOnlySpan<byte> keyIdAscii, ReadOnlySpan<byte> nonce, int bodyLength, out int headerLength)
    {
        if (_completed) throw new InvalidOperationException("The body is already complete.");
        if (type is < LogFluxEntryType.Log or > LogFluxEntryType.TelemetryManaged) throw new ArgumentOutOfRangeException(nameof(type));
        bool withKey = !keyIdAscii.IsEmpty;
        if (withKey && nonce.Length != WireNames.NonceSize) throw new ArgumentException("The nonce must be 12 bytes.", nameof(nonce));

        headerLength = HeaderLength(PartCount > 0, keyIdAscii.Length, withKey);
        var d = _output.GetSpan(headerLength + bodyLength);
        int at = PutDelimiter(d);
        at += Put(d, at, Crlf);
        at += Put(d, at, ContentTypeLine);
        at += Put(d, at, EntryTypeName);
        d[at++] = (byte)('0' + (int)type);
        at += Put(d, at, Crlf);
        at += Put(d, at, PayloadTypeName);
        d[at++] = (byte)('0' + payloadType);
        at += Put(d, at, Crlf);
        at += Put(d, at, TimestampName);
        at += Rfc3339.Format(timestamp, d[at..]);
        at += Put(d, at, Crlf);
        if (withKey)
        {
            at += Put(d, at, KeyIdName);
            at += Put(d, at, keyIdAscii);
            at += Put(d, at, Crlf);
            at += Put(d, at, NonceName);
            Base64.EncodeToUtf8(nonce, d[at..], out _, out int encoded);
            at += encoded;
            at += Put(d, at, Crlf);
        }
        at += Put(d, at, Crlf);
        return d;
    }

    private void Commit(int length)
    {
        _output.Advance(length);
        BytesWritten += length;
        PartCount++;
    }

    private int HeaderLength(bool afterFirst, int keyIdLength, bool withKeyAndNonce)
    {
        int length = (afterFirst ? Crlf.Length : 0) + Dashes.Length + _boundary.Length + Crlf.Length
            + ContentTypeLine.Length
            + EntryTypeName.Length + 1 + Crlf.Length
            + PayloadTypeName.Length + 1 + Crlf.Length
            + TimestampName.Length + Rfc3339.Length + Crlf.Length
            + Crlf.Length;
        if (withKeyAndNonce)
            length += KeyIdName.Length + keyIdLength + Crlf.Length + NonceName.Length + NonceBase64Length + Crlf.Length;
        return length;
    }

    private static int Put(Span<byte> destination, int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(destination[at..]);
        return bytes.Length;
    }
}
