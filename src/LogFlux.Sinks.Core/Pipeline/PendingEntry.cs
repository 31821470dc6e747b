using LogFlux.Sinks.Buffer;
using LogFlux.Sinks.Records;

namespace LogFlux.Sinks.Pipeline;

/// <summary>
/// An entry accepted by the client and waiting in the queue, in one of two shapes: an entry (serialised on the
/// sender, or a <see cref="JsonPayloadEntry"/> whose JSON a before-send hook or the durable buffer produced), or a
/// record captured by an adapter (with the scope and trace context captured when it was queued).
/// </summary>
internal sealed class PendingEntry
{
    public PendingEntry(LogFluxEntry entry, int estimatedBytes)
    {
        Entry = entry;
        Type = entry.EntryType;
        Level = entry.Level;
        Timestamp = entry.Timestamp;
        EstimatedBytes = estimatedBytes;
    }

    public PendingEntry(LogFluxEntryType type, LogFluxLevel level, DateTimeOffset timestamp, byte[] json)
        : this(new JsonPayloadEntry(type, level, timestamp, json), json.Length + 64)
    {
    }

    public PendingEntry(CapturedRecord record)
    {
        Captured = record;
        Type = LogFluxEntryType.Log;
        Level = record.Level;
        Timestamp = record.Timestamp;
        EstimatedBytes = record.EstimatedBytes + ScopeBytes(record.ScopeAttributes);
    }

    public LogFluxEntryType Type { get; }
    public LogFluxLevel Level { get; }
    public DateTimeOffset Timestamp { get; }

    /// <summary>The entry to serialise on the sender (a <see cref="JsonPayloadEntry"/> when its JSON is written already), or null for a captured record.</summary>
    public LogFluxEntry? Entry { get; }

    /// <summary>A log call captured by an adapter, written on the sender, or null.</summary>
    public CapturedRecord? Captured { get; }

    /// <summary>UTF-8 JSON produced by a hook or read from the durable buffer, or null.</summary>
    public byte[]? Json => (Entry as JsonPayloadEntry)?.Json;

    /// <summary>Approximate memory held by this entry; counts against the queue's byte bound.</summary>
    public int EstimatedBytes { get; }

    /// <summary>Sequence number assigned at enqueue; flush waits for every number up to a mark.</summary>
    public long Sequence { get; set; }

    /// <summary>The durable-buffer record this entry was read from (acknowledge it once settled), or null for a memory entry.</summary>
    public BufferedRecord? Record { get; init; }

    /// <summary><see cref="TimeProvider.GetTimestamp"/> at enqueue; the flush interval counts from here.</summary>
    public long EnqueuedAt { get; set; }

    /// <summary>The captured record as an entry (for truncation on the sender).</summary>
    public LogFluxEntry MaterializeRecord() => RecordAttributes.ToEntry(Captured!);

    private static int ScopeBytes(KeyValuePair<string, string>[]? scope)
    {
        if (scope is null) return 0;
        long size = 32;
        foreach (var pair in scope) size += 48 + 2L * (pair.Key.Length + pair.Value.Length);
        return (int)Math.Min(size, int.MaxValue / 2);
    }
}
