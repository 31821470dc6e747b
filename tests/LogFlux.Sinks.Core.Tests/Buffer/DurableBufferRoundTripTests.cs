using System.Text;
using LogFlux.Sinks.Buffer;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Core.Tests.Buffer;

[TestFixture]
public class DurableBufferRoundTripTests
{
    private BufferTestKit _kit = null!;

    [SetUp]
    public void SetUp() => _kit = new BufferTestKit();

    [TearDown]
    public void TearDown() => _kit.Dispose();

    [Test]
    public void Appended_entries_are_read_back_with_type_level_timestamp_and_json()
    {
        var entry = new LogEntry(LogFluxLevel.Warning, "disk almost full", BufferTestKit.BaseTime);
        var json = EntryJsonWriter.ToUtf8(entry, new GlobalContext("svc", null, null));
        var metricTime = new DateTimeOffset(2026, 3, 1, 10, 0, 0, 123, TimeSpan.FromMinutes(-330));

        using (var buffer = _kit.Open())
        {
            Assert.That(buffer.Append(entry.EntryType, entry.Level, entry.Timestamp, json).Stored, Is.True);
            Assert.That(buffer.Append(LogFluxEntryType.Metric, LogFluxLevel.Info, metricTime, "{\"m\":1}"u8).Stored, Is.True);

            var records = BufferTestKit.ReadAll(buffer);

            Assert.That(records, Has.Count.EqualTo(2));
            Assert.That(records[0].Type, Is.EqualTo(LogFluxEntryType.Log));
            Assert.That(records[0].Level, Is.EqualTo(LogFluxLevel.Warning));
            Assert.That(records[0].Timestamp, Is.EqualTo(BufferTestKit.BaseTime));
            Assert.That(records[0].Timestamp.Offset, Is.EqualTo(TimeSpan.FromHours(2)));
            Assert.That(records[0].Json, Is.EqualTo(json));
            Assert.That(records[0].Replayed, Is.False);
            Assert.That(records[1].Type, Is.EqualTo(LogFluxEntryType.Metric));
            Assert.That(records[1].Timestamp, Is.EqualTo(metricTime));
            Assert.That(records[1].Timestamp.Offset, Is.EqualTo(TimeSpan.FromMinutes(-330)));
            Assert.That(BufferTestKit.Text(records[1]), Is.EqualTo("{\"m\":1}"));
            Assert.That(buffer.Stats.InFlightRecords, Is.EqualTo(2));
            Assert.That(buffer.Stats.AppendedRecords, Is.EqualTo(2));
        }
    }

    [Test]
    public void Records_are_read_highest_priority_stream_first_and_in_order_within_a_stream()
    {
        using var buffer = _kit.Open();
        buffer.Append(LogFluxEntryType.Log, LogFluxLevel.Debug, BufferTestKit.BaseTime, BufferTestKit.Json(1));
        buffer.Append(LogFluxEntryType.Log, LogFluxLevel.Warning, BufferTestKit.BaseTime, BufferTestKit.Json(2));
        buffer.Append(LogFluxEntryType.Audit, LogFluxLevel.Info, BufferTestKit.BaseTime, BufferTestKit.Json(3));
        buffer.Append(LogFluxEntryType.Log, LogFluxLevel.Info, BufferTestKit.BaseTime, BufferTestKit.Json(4));
        buffer.Append(LogFluxEntryType.Log, LogFluxLevel.Error, BufferTestKit.BaseTime, BufferTestKit.Json(5));
        buffer.Append(LogFluxEntryType.Metric, LogFluxLevel.Info, BufferTestKit.BaseTime, BufferTestKit.Json(6));

        var records = new List<BufferedRecord>();
        Assert.That(buffer.TryReadBatch(100, records), Is.EqualTo(6));

        Assert.That(records.Select(BufferTestKit.Text), Is.EqualTo(new[] { 3, 5, 2, 6, 1, 4 }.Select(n => Encoding.UTF8.GetString(BufferTestKit.Json(n)))));
    }

    [Test]
    public void A_batch_holds_at_most_the_requested_number_and_the_next_batch_continues()
    {
        using var buffer = _kit.Open();
        BufferTestKit.AppendLogs(buffer, 0, 10);
        var first = new List<BufferedRecord>();
        var second = new List<BufferedRecord>();

        Assert.That(buffer.TryReadBatch(4, first), Is.EqualTo(4));
        Assert.That(buffer.TryReadBatch(100, second), Is.EqualTo(6));

        Assert.That(first.Concat(second).Select(BufferTestKit.Text),
            Is.EqualTo(Enumerable.Range(0, 10).Select(n => Encoding.UTF8.GetString(BufferTestKit.Json(n)))));
    }

    [Test]
    public void Records_appended_while_reading_are_picked_up_from_the_open_segment()
    {
        using var buffer = _kit.Open();
        BufferTestKit.AppendLogs(buffer, 0, 2);
        Assert.That(BufferTestKit.ReadAll(buffer), Has.Count.EqualTo(2));
        BufferTestKit.AppendLogs(buffer, 2, 3);

        var later = BufferTestKit.ReadAll(buffer);

        Assert.That(later.Select(BufferTestKit.Text), Is.EqualTo(Enumerable.Range(2, 3).Select(n => Encoding.UTF8.GetString(BufferTestKit.Json(n)))));
    }

    [Test]
    public void No_file_in_the_directory_contains_the_entry_text_and_segments_do_not_contain_the_key()
    {
        const string Marker = "PLAINTEXT-MARKER-7f3a9c";
        using (var buffer = _kit.Open(segmentBytes: 4096))
        {
            for (var i = 0; i < 50; i++)
                buffer.Append(LogFluxEntryType.Audit, LogFluxLevel.Notice, BufferTestKit.BaseTime, BufferTestKit.Json(i, Marker));
            var read = new List<BufferedRecord>();
            buffer.TryReadBatch(10, read);
            buffer.Acknowledge(read);
        }

        var keyJson = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_kit.Directory, BufferKeyFile.FileName)));
        var key = keyJson.RootElement.GetProperty("key").GetBytesFromBase64();
        var files = Directory.GetFiles(_kit.Directory, "*", SearchOption.AllDirectories);
        Assert.That(files.Count(f => f.EndsWith(".lfb", StringComparison.Ordinal)), Is.GreaterThan(1));
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            Assert.That(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Marker)), Is.EqualTo(-1), file);
            Assert.That(bytes.AsSpan().IndexOf("entry 00"u8), Is.EqualTo(-1), file);
            if (!file.EndsWith(BufferKeyFile.FileName, StringComparison.Ordinal))
                Assert.That(bytes.AsSpan().IndexOf(key), Is.EqualTo(-1), file);
        }
    }

    [Test]
    public void The_key_file_is_json_with_a_32_byte_key_and_its_id_appears_in_segment_headers()
    {
        using (var buffer = _kit.Open())
            BufferTestKit.AppendLogs(buffer, 0, 1);

        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_kit.Directory, BufferKeyFile.FileName)));
        var root = document.RootElement;
        Assert.That(root.GetProperty("format").GetString(), Is.EqualTo("logflux-buffer-key"));
        Assert.That(root.GetProperty("key_protection").GetString(), Is.EqualTo("none"));
        var key = root.GetProperty("key").GetBytesFromBase64();
        Assert.That(key, Has.Length.EqualTo(32));
        var id = BufferKey.IdOf(key);
        Assert.That(root.GetProperty("key_id").GetString(), Is.EqualTo(Convert.ToHexString(id).ToLowerInvariant()));
        var segment = File.ReadAllBytes(_kit.Segments("low").Single());
        Assert.That(segment.AsSpan(0, 4).ToArray(), Is.EqualTo("LFBS"u8.ToArray()));
        Assert.That(segment.AsSpan(8, 8).ToArray(), Is.EqualTo(id));
    }

    [Test]
    public void The_key_survives_reopening_and_the_key_object_never_shows_key_bytes()
    {
        using (var buffer = _kit.Open())
            BufferTestKit.AppendLogs(buffer, 0, 3);
        var keyFile = File.ReadAllText(Path.Combine(_kit.Directory, BufferKeyFile.FileName));

        using (var buffer = _kit.Open())
            Assert.That(BufferTestKit.ReadAll(buffer), Has.Count.EqualTo(3));

        Assert.That(File.ReadAllText(Path.Combine(_kit.Directory, BufferKeyFile.FileName)), Is.EqualTo(keyFile));
        using var key = BufferKey.Generate();
        Assert.That(key.ToString(), Does.Not.Contain(Convert.ToBase64String(key.Key.ToArray())));
        Assert.That(key.ToString(), Does.Not.Contain(Convert.ToHexString(key.Key.ToArray())).IgnoreCase);
    }

    [Test]
    public void Segments_roll_at_the_configured_size()
    {
        using var buffer = _kit.Open(segmentBytes: 1024);
        BufferTestKit.AppendLogs(buffer, 0, 40);

        var segments = _kit.Segments("low");
        Assert.That(segments.Length, Is.GreaterThan(3));
        Assert.That(segments.Select(f => new FileInfo(f).Length), Has.All.LessThanOrEqualTo(1024));
        Assert.That(Path.GetFileName(segments[0]), Is.EqualTo("seg-0000000000000001.lfb"));
        Assert.That(BufferTestKit.ReadAll(buffer), Has.Count.EqualTo(40));
    }

    [Test]
    public void An_entry_larger_than_the_bound_is_refused_and_counted()
    {
        using var buffer = _kit.Open(maxBytes: 1024 * 1024);

        var result = buffer.Append(LogFluxEntryType.Log, LogFluxLevel.Error, BufferTestKit.BaseTime, new byte[1024 * 1024]);

        Assert.That(result.Stored, Is.False);
        Assert.That(result.RefusedReason, Is.EqualTo(BufferDropReasons.Full));
        Assert.That(buffer.Stats.RefusedRecords, Is.EqualTo(1));
        Assert.That(_kit.Segments("high"), Is.Empty);
    }

    [Test]
    public void After_dispose_appends_are_refused_and_reads_return_nothing_without_throwing()
    {
        var buffer = _kit.Open();
        BufferTestKit.AppendLogs(buffer, 0, 1);
        buffer.Dispose();

        var result = buffer.Append(LogFluxEntryType.Log, LogFluxLevel.Info, BufferTestKit.BaseTime, BufferTestKit.Json(1));
        var into = new List<BufferedRecord>();

        Assert.That(result.Stored, Is.False);
        Assert.That(result.RefusedReason, Is.EqualTo(BufferDropReasons.Unavailable));
        Assert.That(buffer.TryReadBatch(10, into), Is.Zero);
        Assert.DoesNotThrow(() => buffer.Dispose());
    }
}
