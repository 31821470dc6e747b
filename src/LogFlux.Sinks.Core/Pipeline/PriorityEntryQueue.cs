using System.Collections.Concurrent;

namespace LogFlux.Sinks.Pipeline;

/// <summary>
/// The client's send queue: three FIFO lanes (<see cref="QueueLane"/>) under one bound in entries and one
/// in estimated bytes.
/// </summary>
/// <remarks>
/// Each lane is a <see cref="ConcurrentQueue{T}"/> (lock-free, allocation-free enqueue once its segments are
/// warm). The bounds are kept with two atomic counters that a writer reserves before it publishes the
/// entry, so a full queue is detected without a lock. A channel per lane would add a lock per write and
/// could not express what the senders wait for anyway (any lane, a flush request or a timer), so the
/// senders wait on the pipeline's own signal and only need these lanes for storage.
/// Under a race at the very edge of the bounds a reservation may be refused that would just have fit;
/// the bounds themselves are never exceeded.
/// </remarks>
internal sealed class PriorityEntryQueue
{
    private readonly ConcurrentQueue<PendingEntry>[] _lanes;
    private readonly Action<PendingEntry> _onEvicted;
    private int _count;
    private long _bytes;

    /// <param name="capacity">Maximum number of queued entries.</param>
    /// <param name="capacityBytes">Maximum sum of <see cref="PendingEntry.EstimatedBytes"/>.</param>
    /// <param name="onEvicted">Called for each queued entry removed to make room for a higher-priority one.</param>
    public PriorityEntryQueue(int capacity, long capacityBytes, Action<PendingEntry> onEvicted)
    {
        Capacity = Math.Max(1, capacity);
        CapacityBytes = Math.Max(1, capacityBytes);
        _onEvicted = onEvicted;
        _lanes = new ConcurrentQueue<PendingEntry>[QueueLanes.Count];
        for (var i = 0; i < _lanes.Length; i++) _lanes[i] = new ConcurrentQueue<PendingEntry>();
    }

    public int Capacity { get; }

    public long CapacityBytes { get; }

    /// <summary>Entries queued or reserved.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Estimated bytes queued or reserved.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>
    /// Reserves room for <paramref name="entry"/>, evicting the oldest entries of lower lanes (lowest lane first)
    /// while that is needed. Returns the queue length including the reservation, or 0 when the entry is refused
    /// (the queue is full of entries of the same or a higher priority). Follow a successful reservation with
    /// <see cref="Publish"/>.
    /// </summary>
    public int TryReserve(PendingEntry entry)
    {
        var size = Math.Max(0, entry.EstimatedBytes);
        if (size > CapacityBytes) return 0;
        var lane = (int)QueueLanes.Of(entry.Type, entry.Level);
        while (true)
        {
            var count = Interlocked.Increment(ref _count);
            var bytes = Interlocked.Add(ref _bytes, size);
            if (count <= Capacity && bytes <= CapacityBytes) return count;
            Interlocked.Decrement(ref _count);
            Interlocked.Add(ref _bytes, -size);
            if (!TryEvictBelow(lane)) return 0;
        }
    }

    /// <summary>Makes a reserved entry visible to the senders.</summary>
    public void Publish(PendingEntry entry) => _lanes[(int)QueueLanes.Of(entry.Type, entry.Level)].Enqueue(entry);

    /// <summary>
    /// Moves up to <paramref name="maxCount"/> entries into <paramref name="into"/>, highest lane first, FIFO
    /// within a lane, stopping before an entry whose estimated size would take the batch past
    /// <paramref name="maxBytes"/> (the first entry is always taken).
    /// </summary>
    public void Take(int maxCount, long maxBytes, Func<PendingEntry, long> sizeOf, List<PendingEntry> into)
    {
        long taken = 0;
        foreach (var lane in _lanes)
        {
            while (into.Count < maxCount)
            {
                if (!lane.TryPeek(out var next)) break;
                if (into.Count > 0 && taken + sizeOf(next) > maxBytes) return;
                if (!lane.TryDequeue(out var entry)) break;
                Release(entry);
                taken += sizeOf(entry);
                into.Add(entry);
            }
        }
    }

    /// <summary>The <see cref="PendingEntry.EnqueuedAt"/> of the oldest published entry, or null when none is visible.</summary>
    public long? OldestEnqueuedAt()
    {
        long? oldest = null;
        foreach (var lane in _lanes)
        {
            if (lane.TryPeek(out var head) && (oldest is null || head.EnqueuedAt < oldest)) oldest = head.EnqueuedAt;
        }
        return oldest;
    }

    /// <summary>Removes every published entry (used at close).</summary>
    public void DrainTo(List<PendingEntry> into)
    {
        foreach (var lane in _lanes)
        {
            while (lane.TryDequeue(out var entry))
            {
                Release(entry);
                into.Add(entry);
            }
        }
    }

    private bool TryEvictBelow(int lane)
    {
        for (var victimLane = _lanes.Length - 1; victimLane > lane; victimLane--)
        {
            if (_lanes[victimLane].TryDequeue(out var victim))
            {
                Release(victim);
                _onEvicted(victim);
                return true;
            }
        }
        return false;
    }

    private void Release(PendingEntry entry)
    {
        Interlocked.Decrement(ref _count);
        Interlocked.Add(ref _bytes, -Math.Max(0, entry.EstimatedBytes));
    }
}
