using System.Buffers.Binary;
using System.Text;
using LogFlux.Sinks.Buffer;
using LogFlux.Sinks.Crypto;

namespace LogFlux.Sinks.Core.Tests.Buffer;

[TestFixture]
public class DurableBufferRecoveryTests
{
    private BufferTestKit _kit = null!;

    [SetUp]
    public void SetUp() => _kit = new BufferTestKit();

    [TearDown]
    public void TearDown() => _kit.Dispose();

    private static string[] Texts(IEnumerable<BufferedRecord> records) => records.Select(BufferTestKit.Text).ToArray();

    private static string[] Expected(params int[] numbers) => numbers.Select(n => Encoding.UTF8.GetString(BufferTestKit.Json(n))).ToArray();

    [Test]
    public void Acknowledged_records_are_not_replayed_after_reopening_and_their_segments_are_deleted()
    {
        using (var buffer = _kit.Open(segmentBytes: 1024))
        {
            BufferTestKit.AppendLogs(buffer, 0, 20);
            buffer.Acknowledge(BufferTestKit.ReadAll(buffer));
            Assert.That(buffer.Stats.AcknowledgedRecords, Is.EqualTo(20));
            Assert.That(_kit.Segments("low"), Has.Length.EqualTo(1), "only the open segment is kept");
        }

        using (var reopened = _kit.Open())
        {
            Assert.That(BufferTestKit.ReadAll(reopened), Is.Empty);
            Assert.That(reopened.Stats.RecoveredRecords, Is.Zero);
            Assert.That(reopened.Stats.ReplayedRecords, Is.Zero);
        }
        Assert.That(_kit.Segments("low"), Is.Empty);
    }

    [Test]
    public void Records_never_read_are_replayed_after_dispose_and_reopen()
    {
        using (var buffer = _kit.Open())
            BufferTestKit.AppendLogs(buffer, 0, 5);

        using var reopened = _kit.Open();
        Assert.That(reopened.Stats.RecoveredRecords, Is.EqualTo(5));
        var records = BufferTestKit.ReadAll(reopened);

        Assert.That(Texts(records), Is.EqualTo(Expected(0, 1, 2, 3, 4)));
        Assert.That(records.Select(r => r.Replayed), Has.All.True);
        Assert.That(reopened.Stats.ReplayedRecords, Is.EqualTo(5));
        Assert.That(_kit.Log.AllText, Does.Contain("5 unsent records"));
    }

    [Test]
    public void Records_read_but_not_acknowledged_before_a_crash_are_replayed_and_counted_as_possible_duplicates()
    {
        using (var buffer = _kit.Open())
        {
            BufferTestKit.AppendLogs(buffer, 0, 10);
            var read = BufferTestKit.ReadAll(buffer);
            buffer.Acknowledge(read.Take(4));
        }

        using var reopened = _kit.Open();
        var replayed = BufferTestKit.ReadAll(reopened);

        Assert.That(Texts(replayed), Is.EqualTo(Expected(4, 5, 6, 7, 8, 9)));
        Assert.That(reopened.Stats.RecoveredRecords, Is.EqualTo(6));
        Assert.That(reopened.Stats.ReplayedRecords, Is.EqualTo(6));
    }

    [Test]
    public void Out_of_order_acknowledgements_only_advance_the_checkpoint_over_a_contiguous_prefix()
    {
        using (var buffer = _kit.Open())
        {
            BufferTestKit.AppendLogs(buffer, 0, 8);
            var read = BufferTestKit.ReadAll(buffer);
            buffer.Acknowledge([read[5], read[6], read[0], read[1]]);
            buffer.Acknowledge(read[1]);
            Assert.That(buffer.Stats.AcknowledgedRecords, Is.EqualTo(4), "a repeated acknowledgement is ignored");
            Assert.That(buffer.Stats.InFlightRecords, Is.EqualTo(4));
        }

        using var reopened = _kit.Open();

        Assert.That(Texts(BufferTestKit.ReadAll(reopened)), Is.EqualTo(Expected(2, 3, 4, 5, 6, 7)));
    }

    [Test]
    public void A_record_from_another_instance_is_ignored_when_acknowledged()
    {
        List<BufferedRecord> stale;
        using (var buffer = _kit.Open())
        {
            BufferTestKit.AppendLogs(buffer, 0, 3);
            stale = BufferTestKit.ReadAll(buffer);
        }
        using var reopened = _kit.Open();
        var fresh = BufferTestKit.ReadAll(reopened);

        reopened.Acknowledge(stale);

        Assert.That(reopened.Stats.AcknowledgedRecords, Is.Zero);
        Assert.That(reopened.Stats.InFlightRecords, Is.EqualTo(3));
        reopened.Acknowledge(fresh);
        Assert.That(reopened.Stats.AcknowledgedRecords, Is.EqualTo(3));
    }

    [Test]
    public void A_torn_last_record_at_every_byte_offset_leaves_all_earlier_records_readable()
    {
        using (var buffer = _kit.Open())
            BufferTestKit.AppendLogs(buffer, 0, 3);
        var segment = _kit.Segments("low").Single();
        var original = File.ReadAllBytes(segment);
        var lastFrameStart = original.Length - BufferTestKit.FrameSize;
        Assert.That(lastFrameStart, Is.EqualTo(SegmentFormat.HeaderSize + (2 * BufferTestKit.FrameSize)));

        for (var length = lastFrameStart + 1; length < original.Length; length++)
        {
            File.WriteAllBytes(segment, original.AsSpan(0, length).ToArray());
            File.Delete(Path.Combine(_kit.LaneDirectory("low"), BufferCheckpoint.FileName));

            using var buffer = _kit.Open();
            var records = BufferTestKit.ReadAll(buffer);

            Assert.That(Texts(records), Is.EqualTo(Expected(0, 1)), $"truncated to {length}");
            Assert.That(buffer.Stats.CorruptRecords, Is.EqualTo(1), $"truncated to {length}");
            Assert.That(buffer.Stats.SkippedBytes, Is.EqualTo(length - lastFrameStart), $"truncated to {length}");
        }
    }

    [Test]
    public void A_ciphertext_altered_with_a_matching_crc_fails_authentication_and_only_that_record_is_skipped()
    {
        using (var buffer = _kit.Open())
            BufferTestKit.AppendLogs(buffer, 0, 3);
        var segment = _kit.Segments("low").Single();
        var bytes = File.ReadAllBytes(segment);
        var second = SegmentFormat.HeaderSize + BufferTestKit.FrameSize;
        bytes[second + SegmentFormat.FrameHeaderSize + SegmentFormat.NonceSize + 3] ^= 0x40;
        RewriteCrc(bytes, second);
        File.WriteAllBytes(segment, bytes);

        using var reopened = _kit.Open();
        var records = BufferTestKit.ReadAll(reopened);

        Assert.That(Texts(records), Is.EqualTo(Expected(0, 2)));
        Assert.That(reopened.Stats.CorruptRecords, Is.EqualTo(1));
        Assert.That(_kit.Dropped(BufferDropReasons.Corrupt), Is.EqualTo(1));
    }

    [Test]
    public void Records_swapped_between_offsets_fail_authentication_because_the_place_is_bound_to_the_tag()
    {
        using (var buffer = _kit.Open())
            BufferTestKit.AppendLogs(buffer, 0, 3);
        var segment = _kit.Segments("low").Single();
        var bytes = File.ReadAllBytes(segment);
        var first = bytes.AsSpan(SegmentFormat.HeaderSize, BufferTestKit.FrameSize).ToArray();
        bytes.AsSpan(SegmentFormat.HeaderSize + BufferTestKit.FrameSize, BufferTestKit.FrameSize).CopyTo(bytes.AsSpan(SegmentFormat.HeaderSize));
        first.CopyTo(bytes.AsSpan(SegmentFormat.HeaderSize + BufferTestKit.FrameSize));
        File.WriteAllBytes(segment, bytes);

        using var reopened = _kit.Open();

        Assert.That(Texts(BufferTestKit.ReadAll(reopened)), Is.EqualTo(Expected(2)));
        Assert.That(reopened.Stats.CorruptRecords, Is.EqualTo(2));
    }

    [Test]
    public void A_flipped_bit_without_a_crc_fix_is_caught_by_the_crc_and_the_following_records_survive()
    {
        using (var buffer = _kit.Open())
            BufferTestKit.AppendLogs(buffer, 0, 4);
        var segment = _kit.Segments("low").Single();
        var bytes = File.ReadAllBytes(segment);
        bytes[SegmentFormat.HeaderSize + BufferTestKit.FrameSize + 30] ^= 0x01;
        File.WriteAllBytes(segment, bytes);

        using var reopened = _kit.Open();

        Assert.That(Texts(BufferTestKit.ReadAll(reopened)), Is.EqualTo(Expected(0, 2, 3)));
        Assert.That(reopened.Stats.CorruptRecords, Is.EqualTo(1));
        Assert.That(reopened.Stats.RecoveredRecords, Is.EqualTo(3));
    }

    [Test]
    public void Garbage_segment_files_are_discarded_without_disturbing_valid_ones()
    {
        using (var buffer = _kit.Open())
        {
            BufferTestKit.AppendLogs(buffer, 0, 2);
            BufferTestKit.AppendLogs(buffer, 100, 1, LogFluxLevel.Error);
        }
        var random = new Random(1234);
        var garbage = new byte[5000];
        random.NextBytes(garbage);
        File.WriteAllBytes(Path.Combine(_kit.LaneDirectory("low"), SegmentFormat.FileName(7)), garbage);
        File.WriteAllBytes(Path.Combine(_kit.LaneDirectory("high"), SegmentFormat.FileName(9)), [1, 2, 3]);
        File.WriteAllBytes(Path.Combine(_kit.LaneDirectory("normal"), SegmentFormat.FileName(1)), []);
        File.WriteAllBytes(Path.Combine(_kit.LaneDirectory("normal"), "seg-zz.lfb"), garbage);
        var validHeaderThenGarbage = File.ReadAllBytes(_kit.Segments("low")[0]).AsSpan(0, SegmentFormat.HeaderSize).ToArray()
            .Concat(garbage).ToArray();
        BinaryPrimitives.WriteUInt64LittleEndian(validHeaderThenGarbage.AsSpan(16), 8);
        BinaryPrimitives.WriteUInt32LittleEndian(validHeaderThenGarbage.AsSpan(24), Crc32.Compute(validHeaderThenGarbage.AsSpan(0, 24)));
        File.WriteAllBytes(Path.Combine(_kit.LaneDirectory("low"), SegmentFormat.FileName(8)), validHeaderThenGarbage);

        using var reopened = _kit.Open();
        var records = BufferTestKit.ReadAll(reopened);
        BufferTestKit.AppendLogs(reopened, 200, 1);
        var later = BufferTestKit.ReadAll(reopened);

        Assert.That(Texts(records), Is.EqualTo(Expected(100, 0, 1)));
        Assert.That(Texts(later), Is.EqualTo(Expected(200)));
        Assert.That(File.Exists(Path.Combine(_kit.LaneDirectory("low"), SegmentFormat.FileName(7))), Is.False);
        Assert.That(File.Exists(Path.Combine(_kit.LaneDirectory("normal"), "seg-zz.lfb")), Is.True, "files with other names are not touched");
        Assert.That(reopened.Stats.SkippedBytes, Is.GreaterThanOrEqualTo(garbage.Length));
        Assert.That(_kit.Log.AllText, Does.Contain("Discarding the buffer segment"));
    }

    [Test]
    public void Segments_written_under_a_lost_key_are_discarded_and_their_records_counted()
    {
        using (var buffer = _kit.Open())
            BufferTestKit.AppendLogs(buffer, 0, 4);
        File.Delete(Path.Combine(_kit.Directory, BufferKeyFile.FileName));

        using var reopened = _kit.Open();

        Assert.That(BufferTestKit.ReadAll(reopened), Is.Empty);
        Assert.That(reopened.Stats.CorruptRecords, Is.EqualTo(4));
        Assert.That(_kit.Dropped(BufferDropReasons.Corrupt), Is.EqualTo(4));
        Assert.That(_kit.Log.AllText, Does.Contain("another buffer key"));
        Assert.That(_kit.Segments("low"), Is.Empty);
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_key_file_readable_by_others_is_not_trusted_and_replaced()
    {
        using (var buffer = _kit.Open())
            BufferTestKit.AppendLogs(buffer, 0, 2);
        var keyPath = Path.Combine(_kit.Directory, BufferKeyFile.FileName);
        var before = File.ReadAllText(keyPath);
        File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        using var reopened = _kit.Open();

        Assert.That(File.ReadAllText(keyPath), Is.Not.EqualTo(before));
        Assert.That(File.GetUnixFileMode(keyPath), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(reopened.Stats.CorruptRecords, Is.EqualTo(2));
        Assert.That(_kit.Log.AllText, Does.Contain("group or others"));
    }

    [Test]
    public void A_corrupt_checkpoint_replays_everything_instead_of_losing_anything()
    {
        using (var buffer = _kit.Open())
        {
            BufferTestKit.AppendLogs(buffer, 0, 3);
            buffer.Acknowledge(BufferTestKit.ReadAll(buffer).Take(2));
        }
        var checkpoint = Path.Combine(_kit.LaneDirectory("low"), BufferCheckpoint.FileName);
        var bytes = File.ReadAllBytes(checkpoint);
        bytes[17] ^= 0xFF;
        File.WriteAllBytes(checkpoint, bytes);

        using var reopened = _kit.Open();

        Assert.That(Texts(BufferTestKit.ReadAll(reopened)), Is.EqualTo(Expected(0, 1, 2)));
    }

    private static void RewriteCrc(byte[] segment, int frameOffset)
    {
        var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(segment.AsSpan(frameOffset));
        var body = segment.AsSpan(frameOffset + SegmentFormat.FrameHeaderSize, SegmentFormat.NonceSize + length);
        BinaryPrimitives.WriteUInt32LittleEndian(segment.AsSpan(frameOffset + 4), Crc32.Compute(body));
    }
}
