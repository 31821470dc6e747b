namespace LogFlux.Sinks.Throughput.Receiver;

/// <summary>Counts events in a CLEF / NDJSON body: one per non-empty line.</summary>
internal static class ClefLineCounter
{
    public static long Count(ReadOnlySpan<byte> body)
    {
        long lines = 0;
        while (!body.IsEmpty)
        {
            int end = body.IndexOf((byte)'\n');
            var line = end < 0 ? body : body[..end];
            if (!line.Trim((byte)'\r').Trim((byte)' ').IsEmpty) lines++;
            if (end < 0) break;
            body = body[(end + 1)..];
        }
        return lines;
    }
}
