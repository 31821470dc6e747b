namespace LogFlux.Sinks.Buffer;

/// <summary>The outcome of <see cref="DurableBuffer.Append"/>.</summary>
/// <param name="Stored">True when the record is on disk (in the page cache, or on the device with fsync per write).</param>
/// <param name="EvictedRecords">Older records of the same or a lower priority evicted to make room (already reported as <see cref="BufferDropReasons.Evicted"/>).</param>
/// <param name="RefusedReason">When not stored: <see cref="BufferDropReasons.Full"/> or <see cref="BufferDropReasons.Unavailable"/>.</param>
internal readonly record struct BufferAppendResult(bool Stored, int EvictedRecords, string? RefusedReason);
