using System.Buffers;
using System.Buffers.Binary;
using LogFlux.Sinks.Crypto;

namespace LogFlux.Sinks.Buffer;

/// <summary>What <see cref="SegmentReader.Next"/> found.</summary>
internal enum FrameStatus
{
    /// <summary>A frame whose length is in bounds and whose CRC matches; its bytes are in the reader.</summary>
    Frame,

    /// <summary>A frame with a plausible length but a wrong CRC; it was skipped and reading can go on.</summary>
    Corrupt,

    /// <summary>No further frame: the limit was reached, or what follows cannot be framed (a torn or corrupt tail).</summary>
    End,
}

/// <summary>
/// Reads the frames of one segment file sequentially, up to a byte limit. It never throws for bad data and
/// always advances or stops, so any byte sequence is read in a bounded number of steps.
/// </summary>
/// <remarks>
/// <para>Segment file format (all integers little endian):</para>
/// <code>
/// Header, 28 bytes:
///   0..3    magic "LFBS" (4C 46 42 53)
///   4       format version, 1
///   5       priority stream (lane): 0 high, 1 normal, 2 low
///   6..7    reserved, 0
///   8..15   buffer key id (first 8 bytes of SHA-256("logflux-buffer-key-id\n" || key))
///   16..23  segment sequence (u64), equal to the 16 hex digits of the file name seg-&lt;sequence&gt;.lfb
///   24..27  CRC-32 (IEEE, as gzip) of bytes 0..23
/// Then frames, back to back, each:
///   0..3    u32 L = length of ciphertext+tag, 28 &lt;= L &lt;= 12 + 16 MiB + 16
///   4..7    u32 CRC-32 of bytes 8 .. 20+L-1 (nonce, ciphertext and tag)
///   8..19   nonce, 12 random bytes
///   20..    ciphertext (L-16 bytes) followed by the 16-byte GCM tag
/// </code>
/// <para>The ciphertext is AES-256-GCM under the buffer key with associated data
/// lane (1 byte) || segment sequence (u64) || offset of the frame in the file (i64), over the plaintext
/// entry type (1) || level (1) || timestamp UTC ticks (i64) || offset minutes (i16) || entry JSON (UTF-8).</para>
/// <para>Validation: a length out of bounds or a frame that runs past the limit ends the segment (a torn tail:
/// the rest cannot be framed); a CRC mismatch with a plausible length skips that frame (disk corruption inside
/// one record); the GCM tag, checked by the caller, rejects anything altered or moved. A writer killed mid-append
/// leaves at most one incomplete frame at the end, which these rules skip.</para>
/// </remarks>
internal sealed class SegmentReader : IDisposable
{
    private readonly Stream _stream;
    private byte[] _buffer;
    private int _sealedLength;

    /// <param name="stream">A readable, seekable stream over the segment; not disposed by the reader.</param>
    /// <param name="position">Offset of the first frame to read (at least <see cref="SegmentFormat.HeaderSize"/>).</param>
    /// <param name="limit">Offset past which nothing is read.</param>
    public SegmentReader(Stream stream, long position, long limit)
    {
        _stream = stream;
        Position = position;
        Limit = limit;
        _buffer = ArrayPool<byte>.Shared.Rent(4096);
    }

    /// <summary>Offset of the next frame.</summary>
    public long Position { get; private set; }

    /// <summary>Offset past which nothing is read (may grow while the segment is being written).</summary>
    public long Limit { get; set; }

    /// <summary>Offset of the frame last returned as <see cref="FrameStatus.Frame"/>.</summary>
    public long FrameOffset { get; private set; }

    /// <summary>The nonce of the last frame.</summary>
    public ReadOnlySpan<byte> Nonce => _buffer.AsSpan(0, SegmentFormat.NonceSize);

    /// <summary>Ciphertext and tag of the last frame.</summary>
    public ReadOnlySpan<byte> Sealed => _buffer.AsSpan(SegmentFormat.NonceSize, _sealedLength);

    /// <summary>Reads and checks the header at offset 0; returns the problem, or null when it is valid.</summary>
    public static string? CheckHeader(Stream stream, int lane, ReadOnlySpan<byte> keyId, ulong sequence)
    {
        Span<byte> header = stackalloc byte[SegmentFormat.HeaderSize];
        stream.Position = 0;
        if (ReadFully(stream, header) < header.Length) return "the header is incomplete";
        return SegmentFormat.CheckHeader(header, lane, keyId, sequence);
    }

    public FrameStatus Next()
    {
        var remaining = Limit - Position;
        if (remaining < SegmentFormat.FrameHeaderSize + SegmentFormat.NonceSize + SegmentFormat.MinSealedLength) return FrameStatus.End;

        Span<byte> head = stackalloc byte[SegmentFormat.FrameHeaderSize];
        _stream.Position = Position;
        if (ReadFully(_stream, head) < head.Length) return FrameStatus.End;
        var length = BinaryPrimitives.ReadUInt32LittleEndian(head);
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(head[4..]);
        if (length < SegmentFormat.MinSealedLength || length > SegmentFormat.MaxSealedLength) return FrameStatus.End;
        var body = SegmentFormat.NonceSize + (int)length;
        var frameLength = SegmentFormat.FrameHeaderSize + body;
        if (frameLength > remaining) return FrameStatus.End;

        EnsureCapacity(body);
        if (ReadFully(_stream, _buffer.AsSpan(0, body)) < body) return FrameStatus.End;
        var offset = Position;
        Position += frameLength;
        if (Crc32.Compute(_buffer.AsSpan(0, body)) != crc) return FrameStatus.Corrupt;
        FrameOffset = offset;
        _sealedLength = (int)length;
        return FrameStatus.Frame;
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }

    private void EnsureCapacity(int size)
    {
        if (_buffer.Length >= size) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = ArrayPool<byte>.Shared.Rent(size);
    }

    private static int ReadFully(Stream stream, Span<byte> into)
    {
        var total = 0;
        while (total < into.Length)
        {
            var read = stream.Read(into[total..]);
            if (read == 0) break;
            total += read;
        }
        return total;
    }
}
