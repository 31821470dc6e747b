namespace LogFlux.Sinks.Throughput.Receiver;

/// <summary>
/// Counts <c>LogRecord</c>s in an OTLP <c>ExportLogsServiceRequest</c> (protobuf): resource_logs (1) →
/// scope_logs (2) → log_records (2). A minimal wire-format walker; anything malformed counts as zero.
/// </summary>
internal static class OtlpLogRecordCounter
{
    public static long Count(ReadOnlySpan<byte> body)
    {
        try
        {
            long records = 0;
            ForEachField(body, 1, resourceLogs => ForEachField(resourceLogs, 2, scopeLogs => ForEachField(scopeLogs, 2, _ => records++)));
            return records;
        }
        catch (FormatException)
        {
            return 0;
        }
    }

    private delegate void FieldAction(ReadOnlySpan<byte> value);

    /// <summary>Calls <paramref name="action"/> for each length-delimited field <paramref name="number"/> in <paramref name="message"/>.</summary>
    private static void ForEachField(ReadOnlySpan<byte> message, int number, FieldAction action)
    {
        int at = 0;
        while (at < message.Length)
        {
            ulong key = ReadVarint(message, ref at);
            int field = (int)(key >> 3);
            int wireType = (int)(key & 7);
            switch (wireType)
            {
                case 0: ReadVarint(message, ref at); break;
                case 1: at += 8; break;
                case 5: at += 4; break;
                case 2:
                    int length = checked((int)ReadVarint(message, ref at));
                    if (length < 0 || at + length > message.Length) throw new FormatException("Truncated field.");
                    if (field == number) action(message.Slice(at, length));
                    at += length;
                    break;
                default: throw new FormatException("Unsupported wire type.");
            }
            if (at > message.Length) throw new FormatException("Truncated message.");
        }
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int at)
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (at >= data.Length) throw new FormatException("Truncated varint.");
            byte b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new FormatException("Varint too long.");
    }
}
