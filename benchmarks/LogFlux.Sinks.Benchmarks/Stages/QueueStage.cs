using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using LogFlux.Sinks.Pipeline;

namespace LogFlux.Sinks.Benchmarks.Stages;

/// <summary>
/// The send queue as the paced harness uses it: 10,000 entries (each holding about 700 B, like a captured event)
/// are queued, then taken in batches of 100 with a look at each lane head. Compared with the lane storage used
/// before, a <see cref="ConcurrentQueue{T}"/> read with <c>TryPeek</c>: peeking stops its segments from clearing
/// dequeued slots, so taken entries stay reachable until the segment is used up and reach generation 2.
/// Per operation = one entry.
/// </summary>
[MemoryDiagnoser]
public class QueueStage
{
    private const int Chunk = 10_000;
    private const int Batch = 100;
    private readonly PriorityEntryQueue _queue = new(1_000_000, long.MaxValue / 4, static _ => { });
    private readonly ConcurrentQueue<PendingEntry> _peeked = new();
    private readonly List<PendingEntry> _batch = new(Batch);
    private readonly DateTimeOffset _at = DateTimeOffset.UnixEpoch;

    [Benchmark(Baseline = true, OperationsPerInvoke = Chunk, Description = "queue: PriorityEntryQueue (lock + ring buffers), queue 10k, take 100s")]
    public int RingBuffers()
    {
        for (var i = 0; i < Chunk; i++)
        {
            var entry = NewEntry();
            _queue.TryReserve(entry);
            _queue.Publish(entry);
        }
        var taken = 0;
        while (true)
        {
            _queue.OldestEnqueuedAt();
            _queue.Take(Batch, long.MaxValue, static e => e.EstimatedBytes, _batch);
            if (_batch.Count == 0) return taken;
            taken += _batch.Count;
            _batch.Clear();
        }
    }

    [Benchmark(OperationsPerInvoke = Chunk, Description = "queue: ConcurrentQueue read with TryPeek (previous lanes), queue 10k, take 100s")]
    public int PeekedConcurrentQueue()
    {
        for (var i = 0; i < Chunk; i++) _peeked.Enqueue(NewEntry());
        var taken = 0;
        while (true)
        {
            while (_batch.Count < Batch && _peeked.TryPeek(out _) && _peeked.TryDequeue(out var entry)) _batch.Add(entry);
            if (_batch.Count == 0) return taken;
            taken += _batch.Count;
            _batch.Clear();
        }
    }

    private PendingEntry NewEntry() => new(LogFluxEntryType.Log, LogFluxLevel.Info, _at, new byte[700]);
}
