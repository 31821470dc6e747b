using LogFlux.Sinks.Buffer;
using LogFlux.Sinks.Diagnostics;

namespace LogFlux.Sinks.Pipeline;

/// <summary>
/// The send pipeline's view of a <see cref="DurableBuffer"/>: accepted entries are appended (encrypted with the
/// buffer key) before the logging call returns, the senders take them back in priority order, and each is
/// acknowledged once sent or definitively dropped. Records left by an earlier run are handed out first
/// (<see cref="PendingEntry.Sequence"/> 0: they belong to no flush of this run).
/// </summary>
/// <remarks>
/// Each stream of the buffer is FIFO, so the flush sequence numbers of this run's records are kept in one queue
/// per stream and paired with records as they are read back; evictions remove the oldest ones. One lock
/// covers append + numbering and read + pairing so that the two orders cannot diverge.
/// </remarks>
internal sealed class DurableEntryStore : IDisposable
{
    private readonly object _gate = new();
    private readonly Queue<(long Sequence, long EnqueuedAt)>[] _pending;
    private readonly Action<string, int, IReadOnlyList<long>> _onLost;
    private readonly List<BufferedRecord> _read = new();
    private readonly DurableBuffer _buffer;
    private readonly bool _opening;
    private long _waiting;
    private bool _disposed;

    private DurableEntryStore(string directory, long maxBytes, SelfDiagnostics diagnostics, Action<string, int, IReadOnlyList<long>> onLost)
    {
        _onLost = onLost;
        _pending = new Queue<(long, long)>[QueueLanes.Count];
        for (var i = 0; i < _pending.Length; i++) _pending[i] = new Queue<(long, long)>();
        _opening = true;
        _buffer = DurableBuffer.Open(new DurableBufferOptions(directory)
        {
            MaxBytes = maxBytes,
            // Eviction drops whole segments: keep them small against the bound so that it takes few entries at a time.
            SegmentBytes = Math.Clamp(maxBytes / 16, 64 * 1024, DurableBufferOptions.DefaultSegmentBytes),
            Diagnostics = diagnostics,
            OnDrop = OnBufferDrop,
            OnUnreadEvicted = OnUnreadEvicted,
        });
        _opening = false;
        _waiting = _buffer.Stats.UnreadRecords;
    }

    /// <summary>What <see cref="TryAppend"/> returns when the buffer is full of entries of the same or a higher priority.</summary>
    public const int Full = 0;

    /// <summary>What <see cref="TryAppend"/> returns when the buffer cannot store anything (degraded, closed): keep the entry in memory.</summary>
    public const int Unavailable = -1;

    /// <summary>The buffer directory.</summary>
    public string DirectoryPath => _buffer.DirectoryPath;

    /// <summary>Records stored and not yet handed out (this run's and an earlier run's).</summary>
    public long Waiting => Interlocked.Read(ref _waiting);

    /// <summary>A snapshot of the buffer's figures.</summary>
    public DurableBufferStats Stats => _buffer.Stats;

    /// <summary>
    /// Opens the buffer at <paramref name="directory"/>, or reports why it cannot be used and returns null (the
    /// pipeline then keeps entries in memory only). Never throws.
    /// </summary>
    /// <param name="directory">The buffer directory (<see cref="LogFluxOptions.BufferPath"/>).</param>
    /// <param name="maxBytes">The byte bound (<see cref="LogFluxOptions.BufferMaxBytes"/>).</param>
    /// <param name="diagnostics">Where problems are reported.</param>
    /// <param name="onLost">Called with a pipeline drop reason, a count and the flush sequence numbers of this run's lost entries.</param>
    public static DurableEntryStore? TryOpen(string directory, long maxBytes, SelfDiagnostics diagnostics, Action<string, int, IReadOnlyList<long>> onLost)
    {
        try
        {
            return new DurableEntryStore(directory, maxBytes, diagnostics, onLost);
        }
        catch (BufferInUseException ex)
        {
            diagnostics.Error($"{ex.Message} Entries are kept in memory only (they do not survive a restart).", ex);
        }
        catch (Exception ex)
        {
            diagnostics.Error($"The durable buffer at {directory} cannot be used ({ex.GetType().Name}: {ex.Message}); entries are kept in memory only (they do not survive a restart).", ex);
        }
        return null;
    }

    /// <summary>
    /// Stores <paramref name="entry"/> as <paramref name="json"/> and numbers it with <paramref name="flush"/>.
    /// Returns the number of records waiting including this one, <see cref="Full"/> or <see cref="Unavailable"/>.
    /// </summary>
    public long TryAppend(PendingEntry entry, byte[] json, FlushTracker flush)
    {
        lock (_gate)
        {
            if (_disposed) return Unavailable;
            var result = _buffer.Append(entry.Type, entry.Level, entry.Timestamp, json);
            if (!result.Stored) return result.RefusedReason == BufferDropReasons.Full ? Full : Unavailable;
            entry.Sequence = flush.NextSequence();
            _pending[(int)QueueLanes.Of(entry.Type, entry.Level)].Enqueue((entry.Sequence, entry.EnqueuedAt));
            return Interlocked.Increment(ref _waiting);
        }
    }

    /// <summary>Hands out up to <paramref name="max"/> stored records as pending entries, highest priority first.</summary>
    public void Take(int max, List<PendingEntry> into)
    {
        if (max <= 0) return;
        lock (_gate)
        {
            if (_disposed) return;
            _read.Clear();
            var count = _buffer.TryReadBatch(max, _read);
            foreach (var record in _read)
            {
                long sequence = 0, enqueuedAt = 0;
                if (!record.Replayed && _pending[record.Lane].TryDequeue(out var mark)) (sequence, enqueuedAt) = mark;
                into.Add(new PendingEntry(record.Type, record.Level, record.Timestamp, record.Json)
                {
                    Record = record,
                    Sequence = sequence,
                    EnqueuedAt = enqueuedAt,
                });
            }
            _read.Clear();
            // Skipped (corrupt) records are not handed out: re-read the exact figure when the buffer ran dry.
            Interlocked.Exchange(ref _waiting, count < max ? _buffer.Stats.UnreadRecords : Math.Max(0, _waiting - count));
        }
    }

    /// <summary>The enqueue timestamp of the oldest record waiting; 0 when records of an earlier run wait (send them now); null when none.</summary>
    public long? OldestEnqueuedAt()
    {
        lock (_gate)
        {
            long? oldest = null;
            long known = 0;
            foreach (var lane in _pending)
            {
                known += lane.Count;
                if (lane.TryPeek(out var head) && (oldest is null || head.EnqueuedAt < oldest)) oldest = head.EnqueuedAt;
            }
            return Waiting > known ? 0 : oldest;
        }
    }

    /// <summary>Acknowledges the buffered records among <paramref name="entries"/> (sent or definitively dropped).</summary>
    public void Acknowledge(IReadOnlyList<PendingEntry> entries)
    {
        List<BufferedRecord>? records = null;
        foreach (var entry in entries)
        {
            if (entry.Record is { } record) (records ??= new List<BufferedRecord>(entries.Count)).Add(record);
        }
        if (records is not null) _buffer.Acknowledge(records);
    }

    /// <summary>Acknowledges one buffered record, if <paramref name="entry"/> has one.</summary>
    public void Acknowledge(PendingEntry entry)
    {
        if (entry.Record is { } record) _buffer.Acknowledge(record);
    }

    /// <summary>Closes the buffer: records not acknowledged stay for the next run.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _buffer.Dispose();
        }
    }

    public override string ToString() => $"DurableEntryStore({DirectoryPath})";

    private void OnUnreadEvicted(int lane, int count, bool recovered)
    {
        var sequences = new List<long>(recovered ? 0 : count);
        if (!recovered)
        {
            var queue = _pending[lane];
            for (var i = 0; i < count && queue.TryDequeue(out var mark); i++) sequences.Add(mark.Sequence);
        }
        Interlocked.Exchange(ref _waiting, Math.Max(0, _waiting - count));
        _onLost(DropReasons.QueueOverflow, count, sequences);
    }

    private void OnBufferDrop(string reason, long count)
    {
        // Evictions during an append arrive through OnUnreadEvicted, with their stream.
        if (reason == BufferDropReasons.Evicted && !_opening) return;
        var pipelineReason = reason == BufferDropReasons.Corrupt ? DropReasons.BufferCorrupt : DropReasons.QueueOverflow;
        _onLost(pipelineReason, (int)Math.Min(count, int.MaxValue), Array.Empty<long>());
    }
}
