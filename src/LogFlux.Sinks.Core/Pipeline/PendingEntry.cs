using LogFlux.Sinks.Adapters;
using LogFlux.Sinks.Buffer;
using LogFlux.Sinks.Context;

namespace LogFlux.Sinks.Pipeline;

/// <summary>
/// An entry accepted by the client and waiting in the queue. It holds the entry object (serialised on the
/// sender), a deferred log entry with the context captured when it was queued, or the JSON already produced by a
/// before-send hook.
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

    public PendingEntry(DeferredLogEntry deferred, KeyValuePair<string, string>[]? scopeAttributes, CapturedTrace trace)
    {
        Deferred = deferred;
        ScopeAttributes = scopeAttributes;
        Trace = trace;
        Type = LogFluxEntryType.Log;
        Level = deferred.Level;
        Timestamp = deferred.Timestamp;
        EstimatedBytes = Math.Max(0, deferred.EstimatedBytes) + ScopeBytes(scopeAttributes);
    }

    public LogFluxEntryType Type { get; }
    public LogFluxLevel Level { get; }
    public DateTimeOffset Timestamp { get; }

    /// <summary>The entry to serialise on the sender, or null when <see cref="Json"/> is set.</summary>
    public LogFluxEntry? Entry { get; }

    /// <summary>A deferred log entry written from its framework event on the sender, or null.</summary>
    public DeferredLogEntry? Deferred { get; }

    /// <summary>The scope attributes captured with <see cref="Deferred"/>, innermost first.</summary>
    public KeyValuePair<string, string>[]? ScopeAttributes { get; }

    /// <summary>The trace context captured with <see cref="Deferred"/> (absent when the event carries its own).</summary>
    public CapturedTrace Trace { get; }

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

    /// <summary>The deferred entry as a plain log entry with its captured scope and trace context applied.</summary>
    public LogEntry MaterializeDeferred()
    {
        var entry = Deferred!.ToLogEntry();
        if (ScopeAttributes is { } scope)
        {
            foreach (var pair in scope)
            {
                if (entry.Attributes is null || !entry.Attributes.ContainsKey(pair.Key)) entry.SetAttribute(pair.Key, pair.Value);
            }
        }
        Trace.ApplyTo(entry);
        return entry;
    }

    private static int ScopeBytes(KeyValuePair<string, string>[]? scope)
    {
        if (scope is null) return 0;
        long size = 32;
        foreach (var pair in scope) size += 48 + 2L * (pair.Key.Length + pair.Value.Length);
        return (int)Math.Min(size, int.MaxValue / 2);
    }
}
