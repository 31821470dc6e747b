using System.Buffers;
using System.Buffers.Binary;
using LogFlux.Sinks.Crypto;
using LogFlux.Sinks.Storage;

namespace LogFlux.Sinks.Buffer;

/// <summary>
/// Appends sealed records to one segment (format on <see cref="SegmentReader"/>). Each record is written with one
/// <see cref="Stream.Write(ReadOnlySpan{byte})"/> call on an unbuffered stream, so once <see cref="Append"/>
/// returns the bytes are in the operating system's page cache and survive the death of the process; with
/// <c>flushToDisk</c> they are also on the device (surviving power loss) at the cost of one fsync per record.
/// </summary>
internal sealed class SegmentWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly int _lane;
    private readonly ulong _sequence;
    private readonly bool _flushToDisk;

    /// <summary>Writes the header of a new segment to <paramref name="stream"/> (positioned at 0).</summary>
    public SegmentWriter(Stream stream, int lane, ReadOnlySpan<byte> keyId, ulong sequence, bool flushToDisk)
    {
        _stream = stream;
        _lane = lane;
        _sequence = sequence;
        _flushToDisk = flushToDisk;
        Span<byte> header = stackalloc byte[SegmentFormat.HeaderSize];
        SegmentFormat.WriteHeader(header, lane, keyId, sequence);
        _stream.Write(header);
        Flush();
        Length = SegmentFormat.HeaderSize;
    }

    /// <summary>Creates the file (mode 0600, failing if it exists) and writes the header.</summary>
    public static SegmentWriter Create(string path, int lane, ReadOnlySpan<byte> keyId, ulong sequence, bool flushToDisk)
    {
        var stream = new FileStream(path, OwnerOnlyFiles.NewFile(FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete));
        try
        {
            return new SegmentWriter(stream, lane, keyId, sequence, flushToDisk);
        }
        catch
        {
            stream.Dispose();
            OwnerOnlyFiles.TryDelete(path);
            throw;
        }
    }

    public ulong Sequence => _sequence;

    /// <summary>Bytes written successfully (header and complete frames).</summary>
    public long Length { get; private set; }

    /// <summary>Size of the frame that <paramref name="plaintextLength"/> bytes of plaintext become.</summary>
    public static int FrameSize(int plaintextLength) => SegmentFormat.FrameOverhead + plaintextLength;

    /// <summary>Seals <paramref name="plaintext"/> and appends it as one frame. Returns the frame size.</summary>
    public int Append(RecordCipher cipher, ReadOnlySpan<byte> plaintext)
    {
        var size = FrameSize(plaintext.Length);
        var frame = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var span = frame.AsSpan(0, size);
            var nonce = span.Slice(SegmentFormat.FrameHeaderSize, SegmentFormat.NonceSize);
            NonceSource.Shared.Next(nonce);
            Span<byte> associated = stackalloc byte[SegmentFormat.AssociatedDataSize];
            SegmentFormat.WriteAssociatedData(associated, _lane, _sequence, Length);
            var sealedPart = span[(SegmentFormat.FrameHeaderSize + SegmentFormat.NonceSize)..];
            cipher.Seal(nonce, plaintext, associated, sealedPart);
            BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)sealedPart.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(span[4..], Crc32.Compute(span[SegmentFormat.FrameHeaderSize..]));
            _stream.Write(span);
            Flush();
            Length += size;
            return size;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }

    public void Dispose() => _stream.Dispose();

    private void Flush()
    {
        if (_stream is FileStream file) file.Flush(_flushToDisk);
        else _stream.Flush();
    }
}
