using System.Buffers;

namespace LogFlux.Sinks.Buffer;

/// <summary>A record decrypted from a segment: what was appended, nothing more.</summary>
internal sealed record StoredRecord(LogFluxEntryType Type, LogFluxLevel Level, DateTimeOffset Timestamp, byte[] Json)
{
    /// <summary>
    /// Authenticates and decodes the frame the reader last returned, for the segment <paramref name="sequence"/>
    /// of stream <paramref name="lane"/>; null when the tag, the place it was written for, or a field is wrong.
    /// </summary>
    public static StoredRecord? TryOpen(RecordCipher cipher, SegmentReader reader, int lane, ulong sequence)
    {
        var sealedRecord = reader.Sealed;
        var plaintext = ArrayPool<byte>.Shared.Rent(sealedRecord.Length);
        try
        {
            Span<byte> associated = stackalloc byte[SegmentFormat.AssociatedDataSize];
            SegmentFormat.WriteAssociatedData(associated, lane, sequence, reader.FrameOffset);
            var length = sealedRecord.Length - SegmentFormat.TagSize;
            if (!cipher.TryOpen(reader.Nonce, sealedRecord, associated, plaintext)) return null;
            if (!RecordPlaintext.TryRead(plaintext.AsSpan(0, length), out var type, out var level, out var timestamp, out var json)) return null;
            return new StoredRecord(type, level, timestamp, json.ToArray());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(plaintext, clearArray: true);
        }
    }

    public override string ToString() => $"StoredRecord({Type}, {Level}, {Timestamp:O}, {Json.Length} bytes)";
}
