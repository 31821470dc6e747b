namespace LogFlux.Sinks.Buffer;

/// <summary>
/// One entry read back from a <see cref="DurableBuffer"/>: its type, level and timestamp and the UTF-8 JSON that
/// was stored. Hand it back to <see cref="DurableBuffer.Acknowledge(BufferedRecord)"/> once it is delivered or
/// definitively dropped.
/// </summary>
internal sealed class BufferedRecord(
    DurableBuffer owner, int lane, long ticket, LogFluxEntryType type, LogFluxLevel level, DateTimeOffset timestamp, byte[] json, bool replayed)
{
    public LogFluxEntryType Type => type;
    public LogFluxLevel Level => level;
    public DateTimeOffset Timestamp => timestamp;

    /// <summary>The entry JSON exactly as appended (to be re-encrypted under the session key when sent).</summary>
    public byte[] Json => json;

    /// <summary>
    /// True when the record was written before the buffer was last opened: it may already have been delivered
    /// (delivered but not acknowledged before a crash), so the server can see it twice.
    /// </summary>
    public bool Replayed => replayed;

    internal DurableBuffer Owner => owner;
    internal int Lane => lane;
    internal long Ticket => ticket;

    public override string ToString() => $"BufferedRecord({Type}, {Level}, {Timestamp:O}, {Json.Length} bytes)";
}
