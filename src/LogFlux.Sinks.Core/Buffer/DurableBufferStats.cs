namespace LogFlux.Sinks.Buffer;

/// <summary>A snapshot of a <see cref="DurableBuffer"/>'s state and cumulative counters.</summary>
/// <param name="Bytes">Bytes of all segment files.</param>
/// <param name="MaxBytes">The byte bound.</param>
/// <param name="Segments">Segment files.</param>
/// <param name="UnreadRecords">Stored records not yet handed out.</param>
/// <param name="InFlightRecords">Records handed out and not yet acknowledged.</param>
/// <param name="RecoveredRecords">Unacknowledged records found when the buffer was opened.</param>
/// <param name="ReplayedRecords">Records handed out that were written before the buffer was opened (possible duplicates).</param>
/// <param name="AppendedRecords">Records stored since open.</param>
/// <param name="AcknowledgedRecords">Records acknowledged since open.</param>
/// <param name="EvictedRecords">Records evicted for space since open.</param>
/// <param name="RefusedRecords">Records refused since open (full or unavailable).</param>
/// <param name="CorruptRecords">Records skipped as torn, corrupt or unreadable since open.</param>
/// <param name="SkippedBytes">Bytes of torn tails and discarded segments.</param>
/// <param name="IsDegraded">True after a write failure: nothing more is stored, existing records can still be read.</param>
internal readonly record struct DurableBufferStats(
    long Bytes,
    long MaxBytes,
    int Segments,
    long UnreadRecords,
    int InFlightRecords,
    long RecoveredRecords,
    long ReplayedRecords,
    long AppendedRecords,
    long AcknowledgedRecords,
    long EvictedRecords,
    long RefusedRecords,
    long CorruptRecords,
    long SkippedBytes,
    bool IsDegraded);
