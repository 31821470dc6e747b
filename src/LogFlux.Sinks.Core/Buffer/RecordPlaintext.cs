using System.Buffers.Binary;

namespace LogFlux.Sinks.Buffer;

/// <summary>
/// The plaintext of one record: entry type (1 byte), level (1 byte), timestamp as UTC ticks (8 bytes, little
/// endian), timestamp offset in minutes (2 bytes, little endian), then the entry's UTF-8 JSON to the end.
/// </summary>
internal static class RecordPlaintext
{
    public const int HeaderSize = 12;

    public static int SizeOf(int jsonLength) => HeaderSize + jsonLength;

    public static void Write(Span<byte> into, LogFluxEntryType type, LogFluxLevel level, DateTimeOffset timestamp, ReadOnlySpan<byte> json)
    {
        into[0] = (byte)type;
        into[1] = (byte)level;
        BinaryPrimitives.WriteInt64LittleEndian(into[2..], timestamp.UtcTicks);
        BinaryPrimitives.WriteInt16LittleEndian(into[10..], (short)timestamp.Offset.TotalMinutes);
        json.CopyTo(into[HeaderSize..]);
    }

    /// <summary>Decodes a plaintext; false when a field is out of range (never throws).</summary>
    public static bool TryRead(ReadOnlySpan<byte> plaintext, out LogFluxEntryType type, out LogFluxLevel level, out DateTimeOffset timestamp, out ReadOnlySpan<byte> json)
    {
        type = default;
        level = default;
        timestamp = default;
        json = default;
        if (plaintext.Length < HeaderSize) return false;
        if (plaintext[0] is < (byte)LogFluxEntryType.Log or > (byte)LogFluxEntryType.TelemetryManaged) return false;
        if (plaintext[1] is < (byte)LogFluxLevel.Emergency or > (byte)LogFluxLevel.Debug) return false;
        var ticks = BinaryPrimitives.ReadInt64LittleEndian(plaintext[2..]);
        var offsetMinutes = BinaryPrimitives.ReadInt16LittleEndian(plaintext[10..]);
        if (offsetMinutes is < -14 * 60 or > 14 * 60) return false;
        var offset = TimeSpan.FromMinutes(offsetMinutes);
        var local = ticks + offset.Ticks;
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks
            || local < DateTime.MinValue.Ticks || local > DateTime.MaxValue.Ticks)
            return false;
        type = (LogFluxEntryType)plaintext[0];
        level = (LogFluxLevel)plaintext[1];
        timestamp = new DateTimeOffset(new DateTime(ticks, DateTimeKind.Utc)).ToOffset(offset);
        json = plaintext[HeaderSize..];
        return true;
    }
}
