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
                _drops.Count(DropReasons.Closed);
                return false;
            }
            if (_quota.IsBlocked(entry.Type))
            {
                _drops.Count(DropReasons.QuotaExceeded);
                return false;
            }

            entry.EnqueuedAt = _time.GetTimestamp();
            var depth = _queue.TryReserve(entry);
            if (depth == 0)
            {
                _drops.Count(DropReasons.QueueOverflow);
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

    /// <summary>Queue length at which a full batch is waiting.</summary>
    private int ReadyThreshold => Math.Min(Volatile.Read(ref _effectiveBatchSize), _queue.Capacity);

    /// <summary>Past half the byte bound the senders stop waiting for full batches.</summary>
    private bool UnderBytePressure => _queue.Bytes * 2 >= _queue.CapacityBytes;

    private void OnEvicted(PendingEntry victim) => SettleDropped(victim, DropReasons.QueueOverflow, inFlight: false);

    private void SettleSent(List<PendingEntry> entries, long bytes)
    {
        _counters.AddSent(entries.Count, bytes, _time.GetUtcNow());
        _counters.AddInFlight(-entries.Count);
        _flush.Settled(entries);
        entries.Clear();
    }

    private void SettleDropped(List<PendingEntry> entries, string reason, bool inFlight)
    {
        if (entries.Count == 0) return;
        _counters.AddDroppedAfterQueued(entries.Count);
        if (inFlight) _counters.AddInFlight(-entries.Count);
        _drops.Count(reason, entries.Count);
        _flush.Settled(entries);
        entries.Clear();
    }

    private void SettleDropped(PendingEntry entry, string reason, bool inFlight)
    {
        _counters.AddDroppedAfterQueued(1);
        if (inFlight) _counters.AddInFlight(-1);
        _drops.Count(reason);
        _flush.Settled(entry);
    }
}
