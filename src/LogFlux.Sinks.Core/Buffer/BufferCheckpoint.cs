using System.Buffers.Binary;
using LogFlux.Sinks.Crypto;
using LogFlux.Sinks.Storage;

namespace LogFlux.Sinks.Buffer;

/// <summary>
/// How far a priority stream has been acknowledged: every record of segments before <see cref="Sequence"/>, and
/// every record of segment <see cref="Sequence"/> that ends at or before <see cref="Offset"/>.
/// </summary>
/// <remarks>
/// Stored as <c>ack.lfc</c> in the stream's directory, replaced atomically (temporary file + rename), 28 bytes,
/// little endian: magic "LFBA" (4), version 1 (1), reserved (3), sequence (u64), offset (i64), CRC-32 of bytes
/// 0..23 (u32). A missing or invalid file means nothing is acknowledged: records are replayed, never lost.
/// </remarks>
internal readonly record struct BufferCheckpoint(ulong Sequence, long Offset)
{
    public const string FileName = "ack.lfc";
    private const int Size = 28;
    private static ReadOnlySpan<byte> Magic => "LFBA"u8;

    public static BufferCheckpoint None => default;

    /// <summary>True when the record ending at <paramref name="end"/> in segment <paramref name="sequence"/> is acknowledged.</summary>
    public bool Covers(ulong sequence, long end) => sequence < Sequence || (sequence == Sequence && end <= Offset);

    public static BufferCheckpoint Load(string path)
    {
        try
        {
            if (!File.Exists(path)) return None;
            Span<byte> bytes = stackalloc byte[Size + 1];
            int length;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
            {
                length = 0;
                int read;
                while (length < bytes.Length && (read = stream.Read(bytes[length..])) > 0) length += read;
            }
            if (length != Size || !bytes[..4].SequenceEqual(Magic) || bytes[4] != 1) return None;
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes[24..]) != Crc32.Compute(bytes[..24])) return None;
            var offset = BinaryPrimitives.ReadInt64LittleEndian(bytes[16..]);
            return offset < 0 ? None : new BufferCheckpoint(BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]), offset);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return None;
        }
    }

    /// <summary>Writes the checkpoint atomically; I/O exceptions propagate.</summary>
    public void Save(string path, bool flushToDisk)
    {
        Span<byte> bytes = stackalloc byte[Size];
        bytes.Clear();
        Magic.CopyTo(bytes);
        bytes[4] = 1;
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[8..], Sequence);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[16..], Offset);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[24..], Crc32.Compute(bytes[..24]));
        OwnerOnlyFiles.WriteAtomically(path, bytes, flushToDisk);
    }
}
