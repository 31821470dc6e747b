using System.Text;
using LogFlux.Sinks.Buffer;

namespace LogFlux.Sinks.Core.Tests.Buffer;

[TestFixture]
public class DurableBufferBoundTests
{
    private const long MaxBytes = 32 * 1024;
    private const long SegmentBytes = 2 * 1024;

    private BufferTestKit _kit = null!;

    [SetUp]
    public void SetUp() => _kit = new BufferTestKit();

    [TearDown]
    public void TearDown() => _kit.Dispose();

    private static long DirectoryBytes(string directory) =>
        Directory.GetFiles(directory, "seg-*.lfb", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

    private static int Number(BufferedRecord record) =>
        int.Parse(Encoding.UTF8.GetString(record.Json).Split("entry ")[1][..4], System.Globalization.CultureInfo.InvariantCulture);

    [Test]
    public void The_byte_bound_holds_after_every_append_and_the_oldest_records_are_evicted_and_counted()
    {
        using var buffer = _kit.Open(MaxBytes, SegmentBytes);
        for (var i = 0; i < 1000; i++)
        {
            Assert.That(buffer.Append(LogFluxEntryType.Log, LogFluxLevel.Debug, BufferTestKit.BaseTime, BufferTestKit.Json(i)).Stored, Is.True);
            Assert.That(buffer.Stats.Bytes, Is.LessThanOrEqualTo(MaxBytes));
        }
        Assert.That(DirectoryBytes(_kit.Directory), Is.EqualTo(buffer.Stats.Bytes));

        var stats = buffer.Stats;
        var records = BufferTestKit.ReadAll(buffer);

        Assert.That(stats.EvictedRecords, Is.GreaterThan(0));
        Assert.That(_kit.Dropped(BufferDropReasons.Evicted), Is.EqualTo(stats.EvictedRecords));
        Assert.That(records.Count + stats.EvictedRecords, Is.EqualTo(1000));
        Assert.That(records.Select(Number), Is.EqualTo(Enumerable.Range(1000 - records.Count, records.Count)), "the newest records survive, in order");
    }

    [Test]
    public void Audit_and_error_records_survive_while_lower_priority_records_are_evicted_first()
    {
        using var buffer = _kit.Open(MaxBytes, SegmentBytes);
        for (var i = 0; i < 50; i++) buffer.Append(LogFluxEntryType.Audit, LogFluxLevel.Info, BufferTestKit.BaseTime, BufferTestKit.Json(i));
        for (var i = 50; i < 100; i++) buffer.Append(LogFluxEntryType.Log, LogFluxLevel.Error, BufferTestKit.BaseTime, BufferTestKit.Json(i));
        for (var i = 100; i < 200; i++) buffer.Append(LogFluxEntryType.Log, LogFluxLevel.Warning, BufferTestKit.BaseTime, BufferTestKit.Json(i));
        for (var i = 400; i < 1400; i++) buffer.Append(LogFluxEntryType.Log, LogFluxLevel.Debug, BufferTestKit.BaseTime, BufferTestKit.Json(i));
        var lowBefore = _kit.Segments("low").Length;
        Assert.That(lowBefore, Is.GreaterThan(0), "the low stream still holds its newest records");
        Assert.That(buffer.Stats.EvictedRecords, Is.GreaterThan(0), "debug records evicted older debug records");

        var evictedBefore = buffer.Stats.EvictedRecords;
        var appendedHigh = 0;
        for (var i = 1400; i < 1450; i++, appendedHigh++) buffer.Append(LogFluxEntryType.Log, LogFluxLevel.Critical, BufferTestKit.BaseTime, BufferTestKit.Json(i));

        var records = BufferTestKit.ReadAll(buffer);
        var high = records.Where(r => r.Type == LogFluxEntryType.Audit || r.Level <= LogFluxLevel.Error).Select(Number).ToList();
        var normal = records.Where(r => r.Level is LogFluxLevel.Warning).Select(Number).ToList();

        Assert.That(high, Is.EqualTo(Enumerable.Range(0, 100).Concat(Enumerable.Range(1400, 50))), "no high-priority record was evicted");
        Assert.That(records.Take(150).Select(Number), Is.EqualTo(high), "the high stream is read first");
        Assert.That(normal, Is.EqualTo(Enumerable.Range(100, 100)), "debug records never evict warnings");
        Assert.That(_kit.Segments("low").Length, Is.LessThan(lowBefore), "room for the new errors came from the low stream");
        Assert.That(buffer.Stats.EvictedRecords, Is.GreaterThan(evictedBefore));
        Assert.That(buffer.Stats.Bytes, Is.LessThanOrEqualTo(MaxBytes));
        Assert.That(records.Count + buffer.Stats.EvictedRecords, Is.EqualTo(1250));
    }

    [Test]
    public void A_lower_priority_record_is_refused_rather_than_evicting_higher_priority_ones()
    {
        var exactlyFull = SegmentFormat.HeaderSize + (100L * BufferTestKit.FrameSize);
        using var buffer = _kit.Open(maxBytes: exactlyFull, segmentBytes: exactlyFull);
        for (var i = 0; i < 100; i++) buffer.Append(LogFluxEntryType.Log, LogFluxLevel.Error, BufferTestKit.BaseTime, BufferTestKit.Json(i));
        Assert.That(buffer.Stats.Bytes, Is.EqualTo(exactlyFull));
        Assert.That(buffer.Stats.EvictedRecords, Is.Zero);

        var low = buffer.Append(LogFluxEntryType.Log, LogFluxLevel.Info, BufferTestKit.BaseTime, BufferTestKit.Json(9998));
        var normal = buffer.Append(LogFluxEntryType.Metric, LogFluxLevel.Info, BufferTestKit.BaseTime, BufferTestKit.Json(9999));

        Assert.That(low, Is.EqualTo(new BufferAppendResult(false, 0, BufferDropReasons.Full)));
        Assert.That(normal, Is.EqualTo(new BufferAppendResult(false, 0, BufferDropReasons.Full)));
        Assert.That(buffer.Stats.RefusedRecords, Is.EqualTo(2));
        Assert.That(buffer.Stats.UnreadRecords, Is.EqualTo(100));
        Assert.That(_kit.Drops, Is.Empty);

        var error = buffer.Append(LogFluxEntryType.Log, LogFluxLevel.Error, BufferTestKit.BaseTime, BufferTestKit.Json(100));

        Assert.That(error, Is.EqualTo(new BufferAppendResult(true, 100, null)), "the same priority evicts its own oldest segment");
        Assert.That(_kit.Dropped(BufferDropReasons.Evicted), Is.EqualTo(100));
        Assert.That(BufferTestKit.ReadAll(buffer).Select(Number), Is.EqualTo(new[] { 100 }));
    }

    [Test]
    public void Records_handed_out_are_not_counted_as_evicted_when_their_segment_is_deleted_for_space()
    {
        using var buffer = _kit.Open(MaxBytes, SegmentBytes);
        BufferTestKit.AppendLogs(buffer, 0, 100);
        var inFlight = BufferTestKit.ReadAll(buffer);

        BufferTestKit.AppendLogs(buffer, 100, 400);
        var stats = buffer.Stats;

        Assert.That(stats.EvictedRecords + stats.UnreadRecords, Is.EqualTo(400), "only never-read records count as evicted");
        Assert.DoesNotThrow(() => buffer.Acknowledge(inFlight));
        Assert.That(buffer.Stats.AcknowledgedRecords, Is.EqualTo(100));
        var rest = BufferTestKit.ReadAll(buffer);
        Assert.That(rest.Select(Number), Is.EqualTo(Enumerable.Range(500 - rest.Count, rest.Count)));
    }

    [Test]
    public void Reopening_with_a_smaller_bound_evicts_the_lowest_priority_oldest_segments()
    {
        using (var buffer = _kit.Open(MaxBytes, SegmentBytes))
        {
            for (var i = 0; i < 50; i++) buffer.Append(LogFluxEntryType.Log, LogFluxLevel.Error, BufferTestKit.BaseTime, BufferTestKit.Json(i));
            for (var i = 50; i < 250; i++) buffer.Append(LogFluxEntryType.Log, LogFluxLevel.Debug, BufferTestKit.BaseTime, BufferTestKit.Json(i));
        }

        using var smaller = _kit.Open(maxBytes: 8 * 1024, segmentBytes: SegmentBytes);
        var records = BufferTestKit.ReadAll(smaller);

        Assert.That(smaller.Stats.Bytes, Is.LessThanOrEqualTo(8 * 1024));
        Assert.That(records.Take(50).Select(Number), Is.EqualTo(Enumerable.Range(0, 50)));
        Assert.That(records.Skip(50).Select(Number), Is.EqualTo(Enumerable.Range(250 - (records.Count - 50), records.Count - 50)));
        Assert.That(_kit.Dropped(BufferDropReasons.Evicted), Is.EqualTo(250 - records.Count));
    }
}
