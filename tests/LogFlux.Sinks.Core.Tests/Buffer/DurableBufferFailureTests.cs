using System.Collections.Concurrent;
using LogFlux.Sinks.Buffer;

namespace LogFlux.Sinks.Core.Tests.Buffer;

[TestFixture]
public class DurableBufferFailureTests
{
    private BufferTestKit _kit = null!;

    [SetUp]
    public void SetUp() => _kit = new BufferTestKit();

    [TearDown]
    public void TearDown() => _kit.Dispose();

    [Test]
    public void A_write_failure_degrades_the_buffer_to_refusing_appends_without_throwing_and_reading_goes_on()
    {
        using var buffer = _kit.Open(segmentBytes: 1024);
        BufferTestKit.AppendLogs(buffer, 0, 3, LogFluxLevel.Error);
        BufferTestKit.AppendLogs(buffer, 3, 1);
        Directory.Delete(_kit.LaneDirectory("low"), recursive: true);

        var next = 4;
        BufferAppendResult result;
        do result = buffer.Append(LogFluxEntryType.Log, LogFluxLevel.Info, BufferTestKit.BaseTime, BufferTestKit.Json(next++));
        while (result.Stored && next < 100);

        Assert.That(result.Stored, Is.False, "creating the next segment must fail");
        Assert.That(result.RefusedReason, Is.EqualTo(BufferDropReasons.Unavailable));
        Assert.That(buffer.Stats.IsDegraded, Is.True);
        Assert.That(_kit.Log.AllText, Does.Contain("kept in memory only"));
        Assert.That(buffer.Append(LogFluxEntryType.Audit, LogFluxLevel.Info, BufferTestKit.BaseTime, BufferTestKit.Json(500)).RefusedReason,
            Is.EqualTo(BufferDropReasons.Unavailable));
        List<BufferedRecord> records = [];
        Assert.DoesNotThrow(() => records = BufferTestKit.ReadAll(buffer));
        Assert.That(records.Take(3).Select(BufferTestKit.Text), Is.EqualTo(Enumerable.Range(0, 3).Select(n => System.Text.Encoding.UTF8.GetString(BufferTestKit.Json(n)))));
        Assert.DoesNotThrow(() => buffer.Acknowledge(records));
    }

    [Test]
    public void A_throwing_drop_callback_does_not_break_the_buffer()
    {
        var options = new DurableBufferOptions(_kit.Directory)
        {
            MaxBytes = SegmentFormat.HeaderSize + (10L * BufferTestKit.FrameSize),
            Diagnostics = _kit.Log.Diagnostics,
            OnDrop = (_, _) => throw new InvalidOperationException("listener bug"),
        };
        using var buffer = DurableBuffer.Open(options);

        for (var i = 0; i < 25; i++)
            Assert.That(buffer.Append(LogFluxEntryType.Log, LogFluxLevel.Info, BufferTestKit.BaseTime, BufferTestKit.Json(i)).Stored, Is.True);

        Assert.That(buffer.Stats.EvictedRecords, Is.GreaterThan(0));
        Assert.That(_kit.Log.AllText, Does.Contain("drop callback threw"));
    }

    [Test]
    public void Concurrent_writers_and_a_reader_deliver_every_record_exactly_once()
    {
        const int Writers = 4;
        const int PerWriter = 300;
        using var buffer = _kit.Open(segmentBytes: 4096);
        var seen = new ConcurrentDictionary<string, int>();
        using var done = new CancellationTokenSource();

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < PerWriter; i++)
            {
                var level = i % 3 == 0 ? LogFluxLevel.Error : LogFluxLevel.Debug;
                if (!buffer.Append(LogFluxEntryType.Log, level, BufferTestKit.BaseTime, BufferTestKit.Json((w * PerWriter) + i)).Stored)
                    throw new InvalidOperationException("append refused");
            }
        })).ToArray();
        var reader = Task.Run(() =>
        {
            var batch = new List<BufferedRecord>();
            while (seen.Count < Writers * PerWriter && !done.IsCancellationRequested)
            {
                batch.Clear();
                if (buffer.TryReadBatch(50, batch) == 0) Thread.Yield();
                foreach (var record in batch) seen.AddOrUpdate(BufferTestKit.Text(record), 1, (_, n) => n + 1);
                buffer.Acknowledge(batch);
            }
        });

        Assert.That(Task.WaitAll([.. writers, reader], TimeSpan.FromSeconds(30)), Is.True, "writers and reader finish");
        done.Cancel();

        Assert.That(seen, Has.Count.EqualTo(Writers * PerWriter));
        Assert.That(seen.Values, Has.All.EqualTo(1));
        Assert.That(buffer.Stats.AcknowledgedRecords, Is.EqualTo(Writers * PerWriter));
        Assert.That(buffer.Stats.UnreadRecords, Is.Zero);
    }
}
