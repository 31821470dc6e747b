using LogFlux.Sinks.Pipeline;

namespace LogFlux.Sinks.Core.Tests.Pipeline;

public class PriorityEntryQueueTests
{
    private readonly List<PendingEntry> _evicted = new();
    private long _sequence;

    [SetUp]
    public void Reset()
    {
        _evicted.Clear();
        _sequence = 0;
    }

    private PendingEntry Add(PriorityEntryQueue queue, LogFluxEntryType type, LogFluxLevel level, int jsonBytes = 36, bool expectAccepted = true)
    {
        var entry = new PendingEntry(type, level, DateTimeOffset.UnixEpoch, new byte[jsonBytes]);
        var depth = queue.TryReserve(entry);
        Assert.That(depth > 0, Is.EqualTo(expectAccepted), $"{type}/{level} accepted");
        if (depth > 0)
        {
            entry.Sequence = ++_sequence;
            queue.Publish(entry);
        }
        return entry;
    }

    private static List<PendingEntry> TakeAll(PriorityEntryQueue queue)
    {
        var taken = new List<PendingEntry>();
        queue.Take(int.MaxValue, long.MaxValue, e => e.EstimatedBytes, taken);
        return taken;
    }

    [TestCase(LogFluxEntryType.Audit, LogFluxLevel.Notice, 0)]
    [TestCase(LogFluxEntryType.Log, LogFluxLevel.Error, 0)]
    [TestCase(LogFluxEntryType.Log, LogFluxLevel.Emergency, 0)]
    [TestCase(LogFluxEntryType.Log, LogFluxLevel.Warning, 1)]
    [TestCase(LogFluxEntryType.Log, LogFluxLevel.Notice, 1)]
    [TestCase(LogFluxEntryType.Metric, LogFluxLevel.Info, 1)]
    [TestCase(LogFluxEntryType.Trace, LogFluxLevel.Info, 1)]
    [TestCase(LogFluxEntryType.Event, LogFluxLevel.Info, 1)]
    [TestCase(LogFluxEntryType.TelemetryManaged, LogFluxLevel.Info, 1)]
    [TestCase(LogFluxEntryType.Log, LogFluxLevel.Info, 2)]
    [TestCase(LogFluxEntryType.Log, LogFluxLevel.Debug, 2)]
    public void Lanes_follow_type_and_level(LogFluxEntryType type, LogFluxLevel level, int expectedLane)
    {
        Assert.That((int)QueueLanes.Of(type, level), Is.EqualTo(expectedLane));
    }

    [Test]
    public void Take_returns_highest_lane_first_and_fifo_within_a_lane()
    {
        var queue = new PriorityEntryQueue(100, 1 << 20, _evicted.Add);
        var info1 = Add(queue, LogFluxEntryType.Log, LogFluxLevel.Info);
        var metric = Add(queue, LogFluxEntryType.Metric, LogFluxLevel.Info);
        var error1 = Add(queue, LogFluxEntryType.Log, LogFluxLevel.Error);
        var info2 = Add(queue, LogFluxEntryType.Log, LogFluxLevel.Debug);
        var audit = Add(queue, LogFluxEntryType.Audit, LogFluxLevel.Notice);
        var warn = Add(queue, LogFluxEntryType.Log, LogFluxLevel.Warning);

        Assert.That(TakeAll(queue), Is.EqualTo(new[] { error1, audit, metric, warn, info1, info2 }));
        Assert.That(queue.Count, Is.Zero);
        Assert.That(queue.Bytes, Is.Zero);
    }

    [Test]
    public void A_full_queue_refuses_an_entry_that_is_not_higher_than_anything_queued()
    {
        var queue = new PriorityEntryQueue(2, 1 << 20, _evicted.Add);
        Add(queue, LogFluxEntryType.Log, LogFluxLevel.Error);
        Add(queue, LogFluxEntryType.Log, LogFluxLevel.Warning);

        Add(queue, LogFluxEntryType.Log, LogFluxLevel.Info, expectAccepted: false);
        Add(queue, LogFluxEntryType.Event, LogFluxLevel.Info, expectAccepted: false);

        Assert.That(_evicted, Is.Empty);
        Assert.That(queue.Count, Is.EqualTo(2));
    }

    [Test]
    public void Eviction_takes_the_oldest_of_the_lowest_lane_and_audit_and_errors_go_last()
    {
        var queue = new PriorityEntryQueue(3, 1 << 20, _evicted.Add);
        var oldInfo = Add(queue, LogFluxEntryType.Log, LogFluxLevel.Info);
        var warn = Add(queue, LogFluxEntryType.Log, LogFluxLevel.Warning);
        var newInfo = Add(queue, LogFluxEntryType.Log, LogFluxLevel.Debug);

        var error = Add(queue, LogFluxEntryType.Log, LogFluxLevel.Error);     // evicts oldInfo
        var metric = Add(queue, LogFluxEntryType.Metric, LogFluxLevel.Info); // evicts newInfo
        var audit = Add(queue, LogFluxEntryType.Audit, LogFluxLevel.Notice); // evicts warn (no low entries left)
        Add(queue, LogFluxEntryType.Trace, LogFluxLevel.Info, expectAccepted: false); // only normal/high left: refused
        var critical = Add(queue, LogFluxEntryType.Log, LogFluxLevel.Critical);       // evicts metric
        Add(queue, LogFluxEntryType.Log, LogFluxLevel.Error, expectAccepted: false);  // all high: refused

        Assert.That(_evicted, Is.EqualTo(new[] { oldInfo, newInfo, warn, metric }));
        Assert.That(TakeAll(queue), Is.EqualTo(new[] { error, audit, critical }));
    }

    [Test]
    public void The_byte_bound_applies_and_a_big_high_entry_may_evict_several_low_ones()
    {
        // Each 36-byte JSON is estimated at 100 bytes.
        var queue = new PriorityEntryQueue(100, 300, _evicted.Add);
        var a = Add(queue, LogFluxEntryType.Log, LogFluxLevel.Info);
        var b = Add(queue, LogFluxEntryType.Log, LogFluxLevel.Info);
        var c = Add(queue, LogFluxEntryType.Log, LogFluxLevel.Info);
        Add(queue, LogFluxEntryType.Log, LogFluxLevel.Info, expectAccepted: false);
        Assert.That(queue.Bytes, Is.EqualTo(300));

        var big = Add(queue, LogFluxEntryType.Log, LogFluxLevel.Error, jsonBytes: 136); // 200 bytes: needs two evictions
        Assert.That(_evicted, Is.EqualTo(new[] { a, b }));
        Assert.That(queue.Bytes, Is.EqualTo(300));
        Assert.That(TakeAll(queue), Is.EqualTo(new[] { big, c }));
    }

    [Test]
    public void An_entry_larger_than_the_whole_byte_bound_is_refused_without_evicting()
    {
        var queue = new PriorityEntryQueue(100, 300, _evicted.Add);
        Add(queue, LogFluxEntryType.Log, LogFluxLevel.Info);
        Add(queue, LogFluxEntryType.Audit, LogFluxLevel.Notice, jsonBytes: 1000, expectAccepted: false);
        Assert.That(_evicted, Is.Empty);
    }

    [Test]
    public void Take_stops_before_the_byte_limit_but_always_takes_one()
    {
        var queue = new PriorityEntryQueue(100, 1 << 20, _evicted.Add);
        for (var i = 0; i < 5; i++) Add(queue, LogFluxEntryType.Log, LogFluxLevel.Info); // 100 bytes each

        var first = new List<PendingEntry>();
        queue.Take(10, 250, e => e.EstimatedBytes, first);
        var tiny = new List<PendingEntry>();
        queue.Take(10, 50, e => e.EstimatedBytes, tiny);

        Assert.That(first, Has.Count.EqualTo(2));
        Assert.That(tiny, Has.Count.EqualTo(1));
        Assert.That(queue.Count, Is.EqualTo(2));
    }

    [Test]
    public void Oldest_enqueue_time_is_the_minimum_over_lane_heads()
    {
        var queue = new PriorityEntryQueue(100, 1 << 20, _evicted.Add);
        Assert.That(queue.OldestEnqueuedAt(), Is.Null);
        var low = new PendingEntry(LogFluxEntryType.Log, LogFluxLevel.Info, DateTimeOffset.UnixEpoch, new byte[1]) { EnqueuedAt = 10 };
        var high = new PendingEntry(LogFluxEntryType.Audit, LogFluxLevel.Notice, DateTimeOffset.UnixEpoch, new byte[1]) { EnqueuedAt = 20 };
        foreach (var e in new[] { low, high })
        {
            queue.TryReserve(e);
            queue.Publish(e);
        }
        Assert.That(queue.OldestEnqueuedAt(), Is.EqualTo(10));
    }
}
