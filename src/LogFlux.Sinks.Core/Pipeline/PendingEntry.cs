using LogFlux.Sinks.Buffer;

namespace LogFlux.Sinks.Pipeline;

/// <summary>
/// An entry accepted by the client and waiting in the queue. It holds either the entry object
/// (serialised on the sender) or the JSON already produced by a before-send hook.
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
    {
        Type = type;
        Level = level;
        Timestamp = timestamp;
        Json = json;
        EstimatedBytes = json.Length + 64;
    }

    public LogFluxEntryType Type { get; }
    public LogFluxLevel Level { get; }
    public DateTimeOffset Timestamp { get; }

    /// <summary>The entry to serialise on the sender, or null when <see cref="Json"/> is set.</summary>
    public LogFluxEntry? Entry { get; }

    /// <summary>UTF-8 JSON produced by a hook, or null.</summary>
    public byte[]? Json { get; }

    /// <summary>Approximate memory held by this entry; counts against the queue's byte bound.</summary>
    public int EstimatedBytes { get; }

    /// <summary>Sequence number assigned at enqueue; flush waits for every number up to a mark.</summary>
    public long Sequence { get; set; }

    /// <summary>The durable-buffer record this entry was read from (acknowledge it once settled), or null for a memory entry.</summary>
    public BufferedRecord? Record { get; init; }

    /// <summary><see cref="TimeProvider.GetTimestamp"/> at enqueue; the flush interval counts from here.</summary>
    public long EnqueuedAt { get; set; }
}
