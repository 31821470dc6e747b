using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using LogFlux.Sinks.Pipeline;
using LogFlux.Sinks.Protocol;
using LogFlux.Sinks.Transport;

namespace LogFlux.Sinks.Benchmarks.Stages;

/// <summary>
/// Stage 4: a whole 100-entry request body through <see cref="BatchEncoder"/> (JSON, gzip, nonce, AES-GCM and the
/// multipart framing). Figures are per entry (<c>OperationsPerInvoke = 100</c>). The pre-serialised row starts
/// from JSON bytes, so the difference to the full row is the JSON stage in situ; the framing row writes plain
/// parts only.
/// </summary>
[MemoryDiagnoser]
public class BatchEncoderStage
{
    private const int Entries = 100;

    private List<PendingEntry> _objects = null!;
    private List<PendingEntry> _json = null!;
    private List<PendingEntry> _deferred = null!;
    private BatchEncoder _gzip = null!;
    private BatchEncoder _plain = null!;
    private SessionKey _session = null!;
    private AesGcm _aes = null!;
    private byte[][] _jsonBodies = [];

    [GlobalSetup]
    public void Setup()
    {
        _objects = SampleEntries.Batch(Entries);
        _jsonBodies = _objects.Select(p => EntryJsonWriter.ToUtf8(p.Entry!, SampleEntries.Context)).ToArray();
        _json = _objects.Select((p, i) => new PendingEntry(p.Type, p.Level, p.Timestamp, _jsonBodies[i])).ToList();
        _deferred = _objects.Select(p => new PendingEntry(Captured((LogEntry)p.Entry!))).ToList();
        var time = new FixedTime(new DateTimeOffset(2026, 11, 26, 12, 0, 1, TimeSpan.Zero));
        _gzip = new BatchEncoder(SampleEntries.Context, enableCompression: true, time);
        _plain = new BatchEncoder(SampleEntries.Context, enableCompression: false, time);
        _session = new SessionKey(RandomNumberGenerator.GetBytes(32), "kid-0123456789abcdef", "http://127.0.0.1:1", ServerLimits.None, null, "handshake", 1);
        _aes = _session.CreateAesGcm();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _aes.Dispose();
        _session.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Entries, Description = "batch/entry: entries -> JSON+gzip+nonce+AES+part")]
    public int Full()
    {
        using var batch = _gzip.Encode(_objects, _session, _aes);
        return batch.Body.Length;
    }

    [Benchmark(OperationsPerInvoke = Entries, Description = "batch/entry: deferred captured events -> JSON+gzip+nonce+AES+part")]
    public int Deferred()
    {
        using var batch = _gzip.Encode(_deferred, _session, _aes);
        return batch.Body.Length;
    }

    [Benchmark(OperationsPerInvoke = Entries, Description = "batch/entry: same, compression off")]
    public int NoGzip()
    {
        using var batch = _plain.Encode(_objects, _session, _aes);
        return batch.Body.Length;
    }

    [Benchmark(OperationsPerInvoke = Entries, Description = "batch/entry: pre-serialised JSON -> gzip+nonce+AES+part")]
    public int FromJson()
    {
        using var batch = _gzip.Encode(_json, _session, _aes);
        return batch.Body.Length;
    }

    [Benchmark(OperationsPerInvoke = Entries, Description = "batch/entry: multipart framing only (plain parts)")]
    public int FramingOnly()
    {
        using var body = new PooledBufferWriter(64 * 1024);
        var writer = new MultipartWriter(body, "logflux-0123456789abcdef0123456789abcdef");
        var now = DateTimeOffset.UnixEpoch;
        for (int i = 0; i < _jsonBodies.Length; i++)
            writer.WritePart(LogFluxEntryType.Log, 1, now, default, default, _jsonBodies[i]);
        writer.Complete();
        return body.WrittenCount;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static global::LogFlux.Sinks.Records.CapturedRecord Captured(LogEntry entry)
    {
        var properties = (entry.Attributes ?? []).Select(a => new KeyValuePair<string, object?>(a.Key, a.Value)).ToList();
        return new global::LogFlux.Sinks.Records.CapturedRecord(entry.Level, entry.Timestamp, entry.Logger)
        {
            Message = entry.Message,
            Properties = properties,
            PropertyCount = properties.Count,
        }.WithTrace(default);
    }
}
