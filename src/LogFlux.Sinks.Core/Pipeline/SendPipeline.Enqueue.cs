using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Pipeline;

internal sealed partial class SendPipeline
{
    private int _closed;
    private int _activeWriters;
    private int _effectiveBatchSize;

    /// <summary>
    /// Offers an entry to the queue. Never blocks and never throws. Returns false when the entry was not
    /// accepted (closed client, blocked quota category, full queue); that drop is counted. When the queue is
    /// full, a higher-priority entry takes the place of the oldest entry of the lowest lower lane, which is
    /// dropped as <c>queue_overflow</c>.
    /// </summary>
    public bool TryEnqueue(PendingEntry entry)
    {
        if (entry is null) return false;
        Interlocked.Increment(ref _activeWriters);
        try
        {
            if (Volatile.Read(ref _closed) != 0)
            {
                _ledger.Drops.Count(DropReasons.Closed);
                return false;
            }
            if (_quota.IsBlocked(entry.Type))
            {
                _ledger.Drops.Count(DropReasons.QuotaExceeded);
                return false;
            }

            entry.EnqueuedAt = _time.GetTimestamp();
            if (_store is not null && TryStore(entry, out var stored)) return stored;
            var depth = _queue.TryReserve(entry);
            if (depth == 0)
            {
                _ledger.Drops.Count(DropReasons.QueueOverflow);
                NoticeQueueFull(entry);
                _wake.SetIfWaiting();
                return false;
            }
            entry.Sequence = _flush.NextSequence();
            _queue.Publish(entry);
            if (depth == 1 || depth == ReadyThreshold || UnderBytePressure) _wake.SetIfWaiting();
            return true;
        }
        catch (Exception ex)
        {
            ReportInternalError(ex);
            return false;
        }
        finally
        {
            Interlocked.Decrement(ref _activeWriters);
        }
    }

    /// <summary>
    /// Appends the entry to the durable buffer. Returns false when the entry should take the memory path instead:
    /// the buffer is unavailable, or the entry is invalid or too large and is left to the encoder to reject or
    /// truncate. <paramref name="accepted"/> tells whether a stored entry was accepted (false: the buffer is full).
    /// </summary>
    private bool TryStore(PendingEntry entry, out bool accepted)
    {
        accepted = false;
        var json = entry.Json;
        if (json is null)
        {
            if (entry.Entry is not { } model || EntryValidator.Validate(model) is not null) return false;
            try
            {
                json = _serialize(model);
            }
            catch (Exception)
            {
                return false;
            }
        }
        if (json.Length == 0 || json.Length > EntryValidator.MaxEntryJsonBytes) return false;

        var depth = _store!.TryAppend(entry, json, _flush);
        if (depth == DurableEntryStore.Unavailable) return false;
        if (depth == DurableEntryStore.Full)
        {
            _ledger.Drops.Count(DropReasons.QueueOverflow);
            _wake.SetIfWaiting();
            return true;
        }
        accepted = true;
        var ready = ReadyThreshold;
        if (depth == 1 || depth % ready == 0) _wake.SetIfWaiting();
        return true;
    }

    /// <summary>True when accepted entries go to the durable buffer, which needs their JSON at once.</summary>
    public bool StoresEntries => _store is not null;

    /// <summary>Entries waiting to be taken by a sender: in memory and in the durable buffer.</summary>
    private long Waiting => _queue.Count + (_store?.Waiting ?? 0);

    /// <summary>The enqueue timestamp of the oldest waiting entry, memory or buffer.</summary>
    private long? OldestWaitingSince()
    {
        var oldest = _queue.OldestEnqueuedAt();
        if (_store?.OldestEnqueuedAt() is { } stored && (oldest is null || stored < oldest)) oldest = stored;
        return oldest;
    }

    private void OnStoreLost(string reason, int count, IReadOnlyList<long> sequences)
    {
        if (count <= 0) return;
        _ledger.Drop(count, reason, inFlight: false);
        foreach (var sequence in sequences) _flush.SettledSequence(sequence);
    }

    /// <summary>Queue length at which a full batch is waiting.</summary>
    private int ReadyThreshold => Math.Min(Volatile.Read(ref _effectiveBatchSize), _queue.Capacity);

    /// <summary>Past half the byte bound the senders stop waiting for full batches.</summary>
    private bool UnderBytePressure => _queue.Bytes * 2 >= _queue.CapacityBytes;

    private void OnEvicted(PendingEntry victim)
    {
        SettleDropped(victim, DropReasons.QueueOverflow, inFlight: false);
        NoticeQueueFull(victim);
    }

    /// <summary>Names the bound a full queue reached (at most once per diagnostics interval).</summary>
    private void NoticeQueueFull(PendingEntry entry)
    {
        if (!_queueFullNotices.TryEnter()) return;
        _diagnostics.Warn(QueueBounds.DescribeFull(_queue.Count, _queue.Capacity, _queue.Bytes, _queue.CapacityBytes, entry.EstimatedBytes));
    }

    private void SettleSent(List<PendingEntry> entries, long bytes)
    {
        _ledger.Deliver(entries.Count, bytes, _time.GetUtcNow());
        _store?.Acknowledge(entries);
        _flush.Settled(entries);
        entries.Clear();
    }

    private void SettleDropped(List<PendingEntry> entries, string reason, bool inFlight)
    {
        if (entries.Count == 0) return;
        _ledger.Drop(entries.Count, reason, inFlight);
        _store?.Acknowledge(entries);
        _flush.Settled(entries);
        entries.Clear();
    }

    /// <summary>In-flight entries whose batch gave up after a lost response: the server may or may not have them.</summary>
    private void SettleUnknown(List<PendingEntry> entries)
    {
        if (entries.Count == 0) return;
        _ledger.MarkDeliveryUnknown(entries.Count);
        _store?.Acknowledge(entries);
        _flush.Settled(entries);
        entries.Clear();
    }

    private void SettleDropped(PendingEntry entry, string reason, bool inFlight)
    {
        _ledger.Drop(1, reason, inFlight);
        _store?.Acknowledge(entry);
        _flush.Settled(entry);
    }
}
