using System.Diagnostics;
using System.Text;
using LogFlux.Sinks.Buffer;

namespace LogFlux.Sinks.Core.Tests.Buffer;

/// <summary>
/// Random mutations of a valid segment, read with the production framing and decryption: the reader must never
/// throw, must stop in a bounded number of steps, and may only ever return records exactly as written.
/// </summary>
[TestFixture]
public class SegmentReaderFuzzTests
{
    private const int Lane = 1;
    private const ulong Sequence = 42;
    private const int Cases = 4000;

    [Test]
    public void Mutated_segments_never_throw_never_loop_and_never_yield_a_record_that_was_not_written()
    {
        using var key = BufferKey.Generate();
        using var cipher = new RecordCipher(key);
        var random = new Random(20260301);
        var (valid, written) = BuildSegment(cipher, key, random);
        var stopwatch = Stopwatch.StartNew();
        var returned = 0;
        var headerRejected = 0;

        for (var n = 0; n < Cases; n++)
        {
            var mutated = Mutate(valid, random);
            try
            {
                returned += ReadAll(mutated, cipher, key, written, ref headerRejected);
            }
            catch (Exception ex) when (ex is not AssertionException)
            {
                Assert.Fail($"case {n} threw {ex}");
            }
        }

        Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        Assert.That(returned, Is.GreaterThan(Cases), "most mutations leave some records intact");
        Assert.That(headerRejected, Is.GreaterThan(0), "some mutations hit the header");
    }

    [Test]
    public void The_unmutated_segment_yields_every_record()
    {
        using var key = BufferKey.Generate();
        using var cipher = new RecordCipher(key);
        var (valid, written) = BuildSegment(cipher, key, new Random(7));
        var rejected = 0;

        Assert.That(ReadAll(valid, cipher, key, written, ref rejected), Is.EqualTo(written.Count));
        Assert.That(rejected, Is.Zero);
    }

    private static int ReadAll(byte[] segment, RecordCipher cipher, BufferKey key, Dictionary<long, byte[]> written, ref int headerRejected)
    {
        using var stream = new MemoryStream(segment, writable: false);
        if (SegmentReader.CheckHeader(stream, Lane, key.KeyId, Sequence) is not null)
        {
            headerRejected++;
            return 0;
        }
        using var reader = new SegmentReader(stream, SegmentFormat.HeaderSize, stream.Length);
        var maxSteps = (segment.Length / (SegmentFormat.FrameOverhead + SegmentFormat.MinSealedLength - SegmentFormat.TagSize)) + 2;
        var returned = 0;
        for (var step = 0; ; step++)
        {
            // Plain checks: NUnit constraints in this hot loop would dominate the run time.
            if (step > maxSteps) Assert.Fail("the reader did not stop");
            var before = reader.Position;
            var status = reader.Next();
            if (status == FrameStatus.End) return returned;
            if (reader.Position <= before) Assert.Fail("the reader did not advance");
            if (status != FrameStatus.Frame) continue;
            if (StoredRecord.TryOpen(cipher, reader, Lane, Sequence) is not { } record) continue;
            if (!written.TryGetValue(reader.FrameOffset, out var json)) Assert.Fail($"a record was accepted at offset {reader.FrameOffset}, where nothing was written");
            if (!record.Json.AsSpan().SequenceEqual(json)) Assert.Fail($"the record at offset {reader.FrameOffset} differs from what was written");
            returned++;
        }
    }

    private static (byte[] Segment, Dictionary<long, byte[]> Written) BuildSegment(RecordCipher cipher, BufferKey key, Random random)
    {
        var written = new Dictionary<long, byte[]>();
        using var stream = new MemoryStream();
        using (var writer = new SegmentWriter(stream, Lane, key.KeyId, Sequence, flushToDisk: false))
        {
            for (var i = 0; i < 24; i++)
            {
                var json = Encoding.UTF8.GetBytes($"{{\"message\":\"{new string('x', random.Next(0, 120))}{i}\"}}");
                var plaintext = new byte[RecordPlaintext.SizeOf(json.Length)];
                RecordPlaintext.Write(plaintext, LogFluxEntryType.Log, LogFluxLevel.Info, BufferTestKit.BaseTime.AddSeconds(i), json);
                written[writer.Length] = json;
                writer.Append(cipher, plaintext);
            }
        }
        return (stream.ToArray(), written);
    }

    private static byte[] Mutate(byte[] valid, Random random)
    {
        var bytes = new List<byte>(valid);
        var mutations = random.Next(1, 5);
        for (var m = 0; m < mutations && bytes.Count > 0; m++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(8))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 3:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 64), bytes.Count - at));
                    break;
                case 4:
                    var insert = new byte[random.Next(1, 64)];
                    random.NextBytes(insert);
                    bytes.InsertRange(at, insert);
                    break;
                case 5:
                    var length = Math.Min(random.Next(1, 200), bytes.Count - at);
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
                case 6:
                    // A plausible or huge frame length at a random place.
                    var value = random.Next(2) == 0 ? (uint)random.Next(0, 400) : (uint)random.Next();
                    for (var b = 0; b < 4 && at + b < bytes.Count; b++) bytes[at + b] = (byte)(value >> (8 * b));
                    break;
                default:
                    var garbage = new byte[random.Next(1, 300)];
                    random.NextBytes(garbage);
                    bytes.AddRange(garbage);
                    break;
            }
        }
        return bytes.ToArray();
    }
}
