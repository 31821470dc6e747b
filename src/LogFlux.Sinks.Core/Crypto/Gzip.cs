using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace LogFlux.Sinks.Crypto;

/// <summary>
/// gzip (RFC 1952) compression of entry JSON before encryption.
/// </summary>
/// <remarks>
/// Inputs shorter than <see cref="StoredThreshold"/> bytes are written as a gzip member whose deflate
/// stream uses stored (uncompressed) blocks: the fixed set-up cost of a <see cref="GZipStream"/> (a few
/// microseconds per call) dominates for small entries, and the few bytes deflate would save on a short
/// JSON text do not pay for it. Larger inputs are deflated with <see cref="CompressionLevel.Fastest"/>.
/// Both forms are valid gzip that any standard decoder reads.
/// </remarks>
internal static class Gzip
{
    /// <summary>Inputs below this many bytes are stored rather than deflated.</summary>
    public const int StoredThreshold = 1024;

    private const int HeaderLength = 10;
    private const int TrailerLength = 8;
    private const int MaxStoredBlock = 65535;

    /// <summary>Compresses <paramref name="input"/> into one gzip member appended to <paramref name="output"/>.</summary>
    public static void Compress(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        if (input.Length < StoredThreshold)
        {
            WriteStored(input, output);
            return;
        }

        using var gzip = new GZipStream(new BufferWriterStream(output), CompressionLevel.Fastest, leaveOpen: false);
        gzip.Write(input);
    }

    /// <summary>The exact size <see cref="WriteStored"/> produces for <paramref name="inputLength"/> bytes.</summary>
    public static int StoredLength(int inputLength)
    {
        int blocks = Math.Max(1, (inputLength + MaxStoredBlock - 1) / MaxStoredBlock);
        return HeaderLength + (blocks * 5) + inputLength + TrailerLength;
    }

    /// <summary>Writes a gzip member with stored deflate blocks (no compression).</summary>
    public static void WriteStored(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        int total = StoredLength(input.Length);
        var d = output.GetSpan(total);

        // ID1 ID2 CM=deflate FLG=0 MTIME=0 XFL=0 OS=255 (unknown)
        d[0] = 0x1f; d[1] = 0x8b; d[2] = 8; d[3] = 0;
        d[4] = 0; d[5] = 0; d[6] = 0; d[7] = 0;
        d[8] = 0; d[9] = 0xff;
        int at = HeaderLength;

        var rest = input;
        do
        {
            int length = Math.Min(rest.Length, MaxStoredBlock);
            bool final = length == rest.Length;
            d[at] = final ? (byte)1 : (byte)0; // BFINAL bit, BTYPE=00 (stored), rest of the byte is padding
            BinaryPrimitives.WriteUInt16LittleEndian(d[(at + 1)..], (ushort)length);
            BinaryPrimitives.WriteUInt16LittleEndian(d[(at + 3)..], (ushort)~length);
            at += 5;
            rest[..length].CopyTo(d[at..]);
            at += length;
            rest = rest[length..];
        }
        while (!rest.IsEmpty);

        BinaryPrimitives.WriteUInt32LittleEndian(d[at..], Crc32.Compute(input));
        BinaryPrimitives.WriteUInt32LittleEndian(d[(at + 4)..], (uint)input.Length);
        output.Advance(total);
    }
}
