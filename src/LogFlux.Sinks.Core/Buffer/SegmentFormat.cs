using System.Buffers.Binary;
using LogFlux.Sinks.Crypto;

namespace LogFlux.Sinks.Buffer;

/// <summary>Sizes and the header of a segment file; the format is described byte by byte on <see cref="SegmentReader"/>.</summary>
internal static class SegmentFormat
{
    public const byte Version = 1;
    public const int HeaderSize = 28;
    public const int KeyIdSize = 8;
    public const int FrameHeaderSize = 8;
    public const int NonceSize = 12;
    public const int TagSize = 16;

    /// <summary>Bytes of a frame around the sealed record: length, CRC, nonce and tag.</summary>
    public const int FrameOverhead = FrameHeaderSize + NonceSize + TagSize;

    /// <summary>Largest entry JSON that is stored (a larger one is refused).</summary>
    public const int MaxJsonBytes = 16 * 1024 * 1024;

    /// <summary>Smallest and largest valid value of a frame's length field (ciphertext plus tag).</summary>
    public const int MinSealedLength = RecordPlaintext.HeaderSize + TagSize;
    public const int MaxSealedLength = RecordPlaintext.HeaderSize + MaxJsonBytes + TagSize;

    public const string FilePrefix = "seg-";
    public const string FileExtension = ".lfb";

    private static ReadOnlySpan<byte> Magic => "LFBS"u8;

    /// <summary>File name of segment <paramref name="sequence"/>: <c>seg-</c> + 16 lowercase hex digits + <c>.lfb</c>.</summary>
    public static string FileName(ulong sequence) => $"{FilePrefix}{sequence:x16}{FileExtension}";

    /// <summary>The sequence encoded in a segment file name, or false for any other name.</summary>
    public static bool TryParseFileName(string fileName, out ulong sequence)
    {
        sequence = 0;
        if (fileName.Length != FilePrefix.Length + 16 + FileExtension.Length
            || !fileName.StartsWith(FilePrefix, StringComparison.Ordinal)
            || !fileName.EndsWith(FileExtension, StringComparison.Ordinal))
            return false;
        return ulong.TryParse(fileName.AsSpan(FilePrefix.Length, 16), System.Globalization.NumberStyles.AllowHexSpecifier, null, out sequence)
            && sequence > 0;
    }

    public static void WriteHeader(Span<byte> header, int lane, ReadOnlySpan<byte> keyId, ulong sequence)
    {
        header[..HeaderSize].Clear();
        Magic.CopyTo(header);
        header[4] = Version;
        header[5] = (byte)lane;
        keyId[..KeyIdSize].CopyTo(header[8..]);
        BinaryPrimitives.WriteUInt64LittleEndian(header[16..], sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], Crc32.Compute(header[..24]));
    }

    /// <summary>Checks a segment header against what its location says it must be; returns the problem or null.</summary>
    public static string? CheckHeader(ReadOnlySpan<byte> header, int lane, ReadOnlySpan<byte> keyId, ulong sequence)
    {
        if (header.Length < HeaderSize) return "the header is incomplete";
        if (!header[..4].SequenceEqual(Magic)) return "not a buffer segment (bad magic)";
        if (BinaryPrimitives.ReadUInt32LittleEndian(header[24..]) != Crc32.Compute(header[..24])) return "the header checksum does not match";
        if (header[4] != Version) return $"unsupported segment version {header[4]}";
        if (header[5] != lane) return "the segment belongs to another priority stream";
        if (BinaryPrimitives.ReadUInt64LittleEndian(header[16..]) != sequence) return "the sequence does not match the file name";
        if (!header.Slice(8, KeyIdSize).SequenceEqual(keyId)) return "it was written under another buffer key";
        return null;
    }

    /// <summary>
    /// The associated data of a record: lane (1 byte), segment sequence and frame offset (8 bytes each, little
    /// endian). It binds every record to its place, so a record copied into another segment or offset fails
    /// authentication.
    /// </summary>
    public static void WriteAssociatedData(Span<byte> into17, int lane, ulong sequence, long frameOffset)
    {
        into17[0] = (byte)lane;
        BinaryPrimitives.WriteUInt64LittleEndian(into17[1..], sequence);
        BinaryPrimitives.WriteInt64LittleEndian(into17[9..], frameOffset);
    }

    public const int AssociatedDataSize = 17;
}
