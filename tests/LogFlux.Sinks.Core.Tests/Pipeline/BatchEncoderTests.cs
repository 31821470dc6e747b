using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LogFlux.Sinks.Core.Tests.Support;
using LogFlux.Sinks.Pipeline;
using LogFlux.Sinks.Protocol;
using LogFlux.Sinks.Transport;
using Microsoft.Extensions.Time.Testing;
using EntrySamples = LogFlux.Sinks.Core.Tests.Protocol.EntrySamples;
using TestMultipartReader = LogFlux.Sinks.Core.Tests.Protocol.TestMultipartReader;

namespace LogFlux.Sinks.Core.Tests.Pipeline;

public class BatchEncoderTests
{
    private static readonly byte[] Key = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private const string KeyId = "3f2c9a4e-8b1d-4c6f-9e2a-7d5b1c0e4f8a";

    private static SessionKey Session(ServerLimits limits = default) => new(Key, KeyId, "https://ingest.example.test", limits, null, "handshake", 1);

    private static FakeTimeProvider ClockAt(DateTimeOffset now) => new(now);

    private static PendingEntry Pending(LogFluxEntry entry) => new(entry, 256);

    private static IEnumerable<TestCaseData> MultipartVectors() =>
        Vectors.Cases("multipart").Select(c => new TestCaseData(c).SetArgDisplayNames(c.Text("name")));

    [TestCaseSource(nameof(MultipartVectors))]
    public void Encode_ReproducesTheVectorBody(JsonElement vector)
    {
        var parts = vector.GetProperty("parts").EnumerateArray().ToList();
        var nonces = new Queue<byte[]>(parts.Where(p => p.TryGetProperty("nonce_hex", out _)).Select(p => p.Hex("nonce_hex")));
        var gzips = new Queue<byte[]>(parts.Where(p => p.GetProperty("gzip_b64").ValueKind == JsonValueKind.String).Select(p => p.Base64("gzip_b64")));
        bool compress = vector.GetProperty("enable_compression").GetBoolean();
        var encoder = new BatchEncoder(EntrySamples.Context, compress, ClockAt(EntrySamples.At(5, 0)),
            () => vector.Text("boundary"),
            nonce => nonces.Dequeue().CopyTo(nonce),
            (input, output) => output.Write(gzips.Dequeue()));
        using var session = Session();
        using var aes = session.CreateAesGcm();

        using var batch = encoder.Encode([Pending(EntrySamples.OrderPlaced()), Pending(EntrySamples.DeviceReadings())], session, aes);

        Assert.That(batch.Rejected, Is.Empty);
        Assert.That(batch.Included, Has.Count.EqualTo(2));
        Assert.That(batch.Boundary, Is.EqualTo(vector.Text("boundary")));
        Assert.That(batch.ContentType, Is.EqualTo(vector.Text("content_type")));
        Assert.That(Convert.ToBase64String(batch.Body.Span), Is.EqualTo(vector.Text("body_b64")));
    }

    [Test]
    public void Encode_EveryTypeDecryptsAndGunzipsToItsJson([Values] bool compress)
    {
        var now = new DateTimeOffset(2026, 1, 15, 10, 30, 5, TimeSpan.Zero);
        var entries = new LogFluxEntry[]
        {
            EntrySamples.OrderPlaced(),
            new MetricEntry("m", 1.5, MetricKind.Gauge, now),
            new SpanEntry("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "op", "n", now.AddMilliseconds(-5), now),
            EntrySamples.Signup(),
            new AuditEntry("a", "b", "c", "d", now),
            new TelemetryEntry("d", [new TelemetryReading("t", 1)], false, now),
            EntrySamples.DeviceReadings(),
            new LogEntry(LogFluxLevel.Info, new string('x', 5000), now),
        };
        var encoder = new BatchEncoder(EntrySamples.Context, compress, ClockAt(now));
        using var session = Session();
        using var aes = session.CreateAesGcm();

        using var batch = encoder.Encode(entries.Select(Pending).ToList(), session, aes);
        var parts = TestMultipartReader.Read(batch.Body.Span, batch.Boundary);

        Assert.That(batch.Rejected, Is.Empty);
        Assert.That(parts, Has.Count.EqualTo(entries.Length));
        Assert.That(batch.Boundary, Does.Match("^logflux-[0-9a-f]{32}$"));
        var nonces = new HashSet<string>();
        for (int i = 0; i < entries.Length; i++)
        {
            var part = parts[i];
            Assert.That(part.Header("Content-Type"), Is.EqualTo("application/octet-stream"));
            Assert.That(part.Header("X-LF-Entry-Type"), Is.EqualTo(((int)entries[i].EntryType).ToString()));
            Assert.That(part.Header("X-LF-Timestamp"), Is.EqualTo(Rfc3339.Format(entries[i].Timestamp)));
            byte[] payload;
            if (entries[i].EntryType == LogFluxEntryType.TelemetryManaged)
            {
                Assert.That(part.Header("X-LF-Payload-Type"), Is.EqualTo("3"));
                Assert.That(part.Header("X-LF-Key-ID"), Is.Null);
                Assert.That(part.Header("X-LF-Nonce"), Is.Null);
                payload = part.Body;
            }
            else
            {
                Assert.That(part.Header("X-LF-Payload-Type"), Is.EqualTo("1"));
                Assert.That(part.Header("X-LF-Key-ID"), Is.EqualTo(KeyId));
                string nonceText = part.Header("X-LF-Nonce")!;
                Assert.That(nonceText, Has.Length.EqualTo(16));
                Assert.That(nonces.Add(nonceText), Is.True, "nonce reused");
                payload = Decrypt(part.Body, Convert.FromBase64String(nonceText));
            }

            bool isGzip = payload.Length > 2 && payload[0] == 0x1f && payload[1] == 0x8b;
            Assert.That(isGzip, Is.EqualTo(compress));
            byte[] json = compress ? Gunzip(payload) : payload;
            Assert.That(Encoding.UTF8.GetString(json), Is.EqualTo(Encoding.UTF8.GetString(EntryJsonWriter.ToUtf8(entries[i], EntrySamples.Context))));
        }
    }

    [Test]
    public void Encode_HookJsonIsSentAsIs()
    {
        byte[] json = Encoding.UTF8.GetBytes("{\"v\":\"2.0\",\"type\":\"log\",\"custom\":true}");
        var pending = new PendingEntry(LogFluxEntryType.Log, LogFluxLevel.Info, DateTimeOffset.UtcNow, json);
        var encoder = new BatchEncoder(EntrySamples.Context, enableCompression: true);
        using var session = Session();
        using var aes = session.CreateAesGcm();

        using var batch = encoder.Encode([pending], session, aes);
        var part = TestMultipartReader.Read(batch.Body.Span, batch.Boundary).Single();

        Assert.That(Gunzip(Decrypt(part.Body, Convert.FromBase64String(part.Header("X-LF-Nonce")!))), Is.EqualTo(json));
    }

    [Test]
    public void Encode_CapturedRecord_DecryptsToTheConvertedEntrysJson()
    {
        var deferred = new TestRecord("order placed", new() { ["order_id"] = 42, ["customer"] = "acme" }, logger: "Orders");
        var encoder = new BatchEncoder(EntrySamples.Context, enableCompression: true);
        using var session = Session();
        using var aes = session.CreateAesGcm();

        using var batch = encoder.Encode([new PendingEntry(deferred), Pending(deferred.ToLogEntry())], session, aes);
        var parts = TestMultipartReader.Read(batch.Body.Span, batch.Boundary);

        Assert.That(parts, Has.Count.EqualTo(2));
        var first = Encoding.UTF8.GetString(Gunzip(Decrypt(parts[0].Body, Convert.FromBase64String(parts[0].Header("X-LF-Nonce")!))));
        var second = Encoding.UTF8.GetString(Gunzip(Decrypt(parts[1].Body, Convert.FromBase64String(parts[1].Header("X-LF-Nonce")!))));
        Assert.That(first, Is.EqualTo(second));
    }

    [Test]
    public void Encode_CapturedRecordThatThrows_IsRejectedAndTheOthersAreEncoded()
    {
        var good = new TestRecord("fine");
        var bad = new TestRecord("broken", new() { ["value"] = 1 }, failOnWrite: true);
        var encoder = new BatchEncoder(EntrySamples.Context, enableCompression: true);
        using var session = Session();
        using var aes = session.CreateAesGcm();

        using var batch = encoder.Encode([new PendingEntry(bad), new PendingEntry(good)], session, aes);

        Assert.Multiple(() =>
        {
            Assert.That(batch.Rejected.Select(r => r.Entry.Captured), Is.EqualTo(new[] { bad.Record }));
            Assert.That(batch.Rejected[0].Reason, Does.Contain("encoding failed"));
            Assert.That(batch.Included.Select(e => e.Captured), Is.EqualTo(new[] { good.Record }));
            Assert.That(TestMultipartReader.Read(batch.Body.Span, batch.Boundary), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Encode_OversizedCapturedRecord_IsTruncatedAndMarked()
    {
        var deferred = new TestRecord("big-" + new string('m', 3 * 1024 * 1024), new() { ["order_id"] = 42 });
        var encoder = new BatchEncoder(EntrySamples.Context, enableCompression: true);
        using var session = Session();
        using var aes = session.CreateAesGcm();

        using var batch = encoder.Encode([new PendingEntry(deferred)], session, aes);
        var part = TestMultipartReader.Read(batch.Body.Span, batch.Boundary).Single();
        var json = Gunzip(Decrypt(part.Body, Convert.FromBase64String(part.Header("X-LF-Nonce")!)));
        var payload = JsonDocument.Parse(json).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(json.Length, Is.LessThanOrEqualTo(EntryValidator.MaxEntryJsonBytes));
            Assert.That(payload.GetProperty("message").GetString(), Does.StartWith("big-mmm"));
            Assert.That(payload.GetProperty("attributes").GetProperty("logflux.truncated").GetString(), Is.EqualTo("true"));
            Assert.That(payload.GetProperty("attributes").GetProperty("order_id").GetString(), Is.EqualTo("42"));
        });
    }

    [Test]
    public void Encode_TimestampOutsideTheWindow_UsesNowInHeaderOnly()
    {
        var now = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var future = new LogEntry(LogFluxLevel.Info, "future", now.AddMinutes(2));
        var old = new LogEntry(LogFluxLevel.Info, "old", now.AddYears(-1).AddSeconds(-1));
        var nearFuture = new LogEntry(LogFluxLevel.Info, "near", now.AddSeconds(59));
        var recent = new LogEntry(LogFluxLevel.Info, "recent", now.AddDays(-364));
        var encoder = new BatchEncoder(EntrySamples.Context, false, ClockAt(now));
        using var session = Session();
        using var aes = session.CreateAesGcm();

        using var batch = encoder.Encode([Pending(future), Pending(old), Pending(nearFuture), Pending(recent)], session, aes);
        var parts = TestMultipartReader.Read(batch.Body.Span, batch.Boundary);

        Assert.That(parts[0].Header("X-LF-Timestamp"), Is.EqualTo(Rfc3339.Format(now)));
        Assert.That(parts[1].Header("X-LF-Timestamp"), Is.EqualTo(Rfc3339.Format(now)));
        Assert.That(parts[2].Header("X-LF-Timestamp"), Is.EqualTo(Rfc3339.Format(nearFuture.Timestamp)));
        Assert.That(parts[3].Header("X-LF-Timestamp"), Is.EqualTo(Rfc3339.Format(recent.Timestamp)));
        var payload = JsonDocument.Parse(Decrypt(parts[0].Body, Convert.FromBase64String(parts[0].Header("X-LF-Nonce")!))).RootElement;
        Assert.That(payload.Text("ts"), Is.EqualTo(Rfc3339.Format(future.Timestamp)));
    }

    [Test]
    public void Encode_InvalidEntriesAreRejectedAndLeftOut()
    {
        var good = Pending(EntrySamples.OrderPlaced());
        var nan = Pending(new MetricEntry("m", double.NaN, MetricKind.Gauge, DateTimeOffset.UtcNow));
        var empty = new PendingEntry(LogFluxEntryType.Log, LogFluxLevel.Info, DateTimeOffset.UtcNow, []);
        var encoder = new BatchEncoder(EntrySamples.Context, true);
        using var session = Session();
        using var aes = session.CreateAesGcm();

        using var batch = encoder.Encode([nan, good, empty], session, aes);

        Assert.That(batch.Included, Is.EqualTo(new[] { good }));
        Assert.That(batch.Rejected.Select(r => r.Entry), Is.EqualTo(new[] { nan, empty }));
        Assert.That(batch.Rejected[0].Reason, Does.Contain("NaN"));
        Assert.That(TestMultipartReader.Read(batch.Body.Span, batch.Boundary), Has.Count.EqualTo(1));
    }

    [Test]
    public void Encode_AllRejected_GivesAnEmptyBatch()
    {
        var encoder = new BatchEncoder(EntrySamples.Context, true);
        using var session = Session();
        using var aes = session.CreateAesGcm();

        using var batch = encoder.Encode([Pending(new EventEntry("", DateTimeOffset.UtcNow))], session, aes);

        Assert.That(batch.IsEmpty, Is.True);
        Assert.That(batch.Rejected, Has.Count.EqualTo(1));
        Assert.That(TestMultipartReader.Read(batch.Body.Span, batch.Boundary), Is.Empty);
    }

    [Test]
    public void Encode_OversizedMessage_IsTruncatedAndMarked()
    {
        var log = new LogEntry(LogFluxLevel.Info, new string('a', 2 * 1024 * 1024), DateTimeOffset.UtcNow);
        var encoder = new BatchEncoder(EntrySamples.Context, false);
        using var session = Session();
        using var aes = session.CreateAesGcm();

        using var batch = encoder.Encode([Pending(log)], session, aes);
        var part = TestMultipartReader.Read(batch.Body.Span, batch.Boundary).Single();
        byte[] json = Decrypt(part.Body, Convert.FromBase64String(part.Header("X-LF-Nonce")!));

        Assert.That(batch.Included, Has.Count.EqualTo(1));
        Assert.That(json.Length, Is.LessThanOrEqualTo(EntryValidator.MaxEntryJsonBytes));
        Assert.That(json.Length, Is.GreaterThan(EntryValidator.MaxEntryJsonBytes - 200));
        var root = JsonDocument.Parse(json).RootElement;
        Assert.That(root.GetProperty("attributes").Text("logflux.truncated"), Is.EqualTo("true"));
        Assert.That(log.Message, Has.Length.EqualTo(2 * 1024 * 1024), "the entry itself is not modified");
    }

    [Test]
    public void Encode_OversizedAttributes_AreRejected()
    {
        var evt = new EventEntry("big", DateTimeOffset.UtcNow);
        evt.SetAttribute("blob", new string('b', 1_100_000));
        var encoder = new BatchEncoder(EntrySamples.Context, true);
        using var session = Session();
        using var aes = session.CreateAesGcm();

        using var batch = encoder.Encode([Pending(evt)], session, aes);

        Assert.That(batch.Included, Is.Empty);
        Assert.That(batch.Rejected.Single().Reason, Does.Contain("limit"));
    }

    [Test]
    public void Encode_RequestSizeLimit_DefersTheRestInOrder()
    {
        var entries = Enumerable.Range(0, 10).Select(i => Pending(new LogEntry(LogFluxLevel.Info, "message " + i + new string('z', 300), DateTimeOffset.UtcNow))).ToList();
        var encoder = new BatchEncoder(EntrySamples.Context, false);
        using var session = Session(new ServerLimits(0, 0, 2000));
        using var aes = session.CreateAesGcm();

        using var batch = encoder.Encode(entries, session, aes);

        Assert.That(batch.Body.Length, Is.LessThanOrEqualTo(2000));
        Assert.That(batch.Included.Count, Is.InRange(1, 9));
        Assert.That(batch.Included.Concat(batch.Overflow), Is.EqualTo(entries));
        Assert.That(TestMultipartReader.Read(batch.Body.Span, batch.Boundary), Has.Count.EqualTo(batch.Included.Count));
    }

    [Test]
    public void Encode_PayloadSizeLimit_TruncatesToFit()
    {
        var log = new LogEntry(LogFluxLevel.Info, Convert.ToBase64String(RandomNumberGenerator.GetBytes(30_000)), DateTimeOffset.UtcNow);
        var encoder = new BatchEncoder(EntrySamples.Context, true);
        using var session = Session(new ServerLimits(0, 8_000, 0));
        using var aes = session.CreateAesGcm();

        using var batch = encoder.Encode([Pending(log)], session, aes);
        var part = TestMultipartReader.Read(batch.Body.Span, batch.Boundary).Single();

        Assert.That(part.Body.Length, Is.LessThanOrEqualTo(8_000));
        var json = JsonDocument.Parse(Gunzip(Decrypt(part.Body, Convert.FromBase64String(part.Header("X-LF-Nonce")!)))).RootElement;
        Assert.That(json.GetProperty("attributes").Text("logflux.truncated"), Is.EqualTo("true"));
    }

    [Test]
    public void Encode_FreshNoncesAndBoundaryPerCall()
    {
        var encoder = new BatchEncoder(EntrySamples.Context, true);
        using var session = Session();
        using var aes = session.CreateAesGcm();
        var entry = Pending(EntrySamples.OrderPlaced());

        using var first = encoder.Encode([entry], session, aes);
        using var second = encoder.Encode([entry], session, aes);

        Assert.That(first.Boundary, Is.Not.EqualTo(second.Boundary));
        string n1 = TestMultipartReader.Read(first.Body.Span, first.Boundary)[0].Header("X-LF-Nonce")!;
        string n2 = TestMultipartReader.Read(second.Body.Span, second.Boundary)[0].Header("X-LF-Nonce")!;
        Assert.That(n1, Is.Not.EqualTo(n2));
    }

    [Test]
    public void Dispose_ReleasesTheBody()
    {
        var encoder = new BatchEncoder(EntrySamples.Context, true);
        using var session = Session();
        using var aes = session.CreateAesGcm();
        var batch = encoder.Encode([Pending(EntrySamples.OrderPlaced())], session, aes);
        Assert.That(batch.Body.Length, Is.GreaterThan(0));

        batch.Dispose();
        batch.Dispose();

        Assert.That(batch.Body.Length, Is.EqualTo(0));
    }

    [TestCase(61, true)]
    [TestCase(60, false)]
    [TestCase(-10, false)]
    public void HeaderTimestamp_FutureWindow(int secondsAhead, bool replaced)
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var entry = now.AddSeconds(secondsAhead);
        Assert.That(BatchEncoder.HeaderTimestamp(entry, now), Is.EqualTo(replaced ? now : entry));
    }

    [Test]
    public void HeaderValue_NeutralisesControlCharacters()
    {
        Assert.That(Encoding.ASCII.GetString(BatchEncoder.HeaderValue("key\r\nX-Evil: 1\u00e9")), Is.EqualTo("key??X-Evil: 1?"));
    }

    private static byte[] Decrypt(byte[] body, byte[] nonce)
    {
        using var aes = new AesGcm(Key, 16);
        var plain = new byte[body.Length - 16];
        aes.Decrypt(nonce, body.AsSpan(0, plain.Length), body.AsSpan(plain.Length), plain);
        return plain;
    }

    private static byte[] Gunzip(byte[] data)
    {
        using var input = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
