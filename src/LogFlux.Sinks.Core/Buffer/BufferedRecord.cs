namespace LogFlux.Sinks.Buffer;

/// <summary>
/// One entry read back from a <see cref="DurableBuffer"/>: its type, level and timestamp and the UTF-8 JSON that
/// was stored. Hand it back to <see cref="DurableBuffer.Acknowledge(BufferedRecord)"/> once it is delivered or
/// definitively dropped.
/// </summary>
internal sealed class BufferedRecord
{
    internal BufferedRecord(DurableBuffer owner, int lane, long ticket, LogFluxEntryType type, LogFluxLevel level, DateTimeOffset timestamp, byte[] json, bool replayed)
    {
        Owner = owner;
        Lane = lane;
        Ticket = ticket;
        Type = type;
        Level = level;
        Timestamp = timestamp;
        Json = json;
        Replayed = replayed;
    }

    public LogFluxEntryType Type { get; }
    public LogFluxLevel Level { get; }
    public DateTimeOffset Timestamp { get; }

    /// <summary>The entry JSON exactly as appended (to be re-encrypted under the session key when sent).</summary>
    public byte[] Json { get; }

    /// <summary>
    /// True when the record was written before the buffer was last opened: it may already have been delivered
    /// (delivered but not acknowledged before a crash), so the server can see it twice.
    /// </summary>
    public bool Replayed { get; }

    internal DurableBuffer Owner { get; }
    internal int Lane { get; }
    internal long Ticket { get; }

    public override string ToString() => $"BufferedRecord({Type}, {Level}, {Timestamp:O}, {Json.Length} bytes)";
}
