using LogFlux.Sinks.Buffer;

namespace LogFlux.Sinks.Core.Tests.Buffer;

[TestFixture]
public class SegmentFormatTests
{
    private static readonly byte[] KeyId = [1, 2, 3, 4, 5, 6, 7, 8];

    [Test]
    public void File_names_carry_a_16_hex_digit_sequence()
    {
        Assert.That(SegmentFormat.FileName(0x1a), Is.EqualTo("seg-000000000000001a.lfb"));
        Assert.That(SegmentFormat.TryParseFileName("seg-000000000000001a.lfb", out var sequence), Is.True);
        Assert.That(sequence, Is.EqualTo(0x1aUL));
        Assert.That(SegmentFormat.TryParseFileName("seg-0000000000000000.lfb", out _), Is.False);
        Assert.That(SegmentFormat.TryParseFileName("seg-1a.lfb", out _), Is.False);
        Assert.That(SegmentFormat.TryParseFileName("seg-000000000000001g.lfb", out _), Is.False);
        Assert.That(SegmentFormat.TryParseFileName(".seg-000000000000001a.lfb.tmp", out _), Is.False);
    }

    [Test]
    public void A_header_is_checked_against_its_stream_sequence_and_key()
    {
        var header = new byte[SegmentFormat.HeaderSize];
        SegmentFormat.WriteHeader(header, 2, KeyId, 9);

        Assert.That(SegmentFormat.CheckHeader(header, 2, KeyId, 9), Is.Null);
        Assert.That(SegmentFormat.CheckHeader(header, 1, KeyId, 9), Does.Contain("another priority stream"));
        Assert.That(SegmentFormat.CheckHeader(header, 2, KeyId, 10), Does.Contain("sequence"));
        Assert.That(SegmentFormat.CheckHeader(header, 2, [8, 7, 6, 5, 4, 3, 2, 1], 9), Does.Contain("another buffer key"));
        Assert.That(SegmentFormat.CheckHeader(header.AsSpan(0, 20), 2, KeyId, 9), Does.Contain("incomplete"));
        header[6] = 1;
        Assert.That(SegmentFormat.CheckHeader(header, 2, KeyId, 9), Does.Contain("checksum"));
        header[0] = (byte)'X';
        Assert.That(SegmentFormat.CheckHeader(header, 2, KeyId, 9), Does.Contain("magic"));
    }

    [Test]
    public void The_record_plaintext_round_trips_and_rejects_out_of_range_fields()
    {
        var timestamp = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.FromMinutes(345));
        var plaintext = new byte[RecordPlaintext.SizeOf(2)];
        RecordPlaintext.Write(plaintext, LogFluxEntryType.Trace, LogFluxLevel.Alert, timestamp, "{}"u8);

        Assert.That(RecordPlaintext.TryRead(plaintext, out var type, out var level, out var decoded, out var json), Is.True);
        Assert.That((type, level, decoded, decoded.Offset), Is.EqualTo((LogFluxEntryType.Trace, LogFluxLevel.Alert, timestamp, timestamp.Offset)));
        Assert.That(json.ToArray(), Is.EqualTo("{}"u8.ToArray()));

        plaintext[0] = 9;
        Assert.That(RecordPlaintext.TryRead(plaintext, out _, out _, out _, out _), Is.False);
        plaintext[0] = 1;
        plaintext[1] = 0;
        Assert.That(RecordPlaintext.TryRead(plaintext, out _, out _, out _, out _), Is.False);
        plaintext[1] = 7;
        plaintext.AsSpan(2, 8).Fill(0xFF);
        Assert.That(RecordPlaintext.TryRead(plaintext, out _, out _, out _, out _), Is.False);
        Assert.That(RecordPlaintext.TryRead(plaintext.AsSpan(0, 5), out _, out _, out _, out _), Is.False);
    }
}
