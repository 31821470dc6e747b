using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using LogFlux.Sinks.Crypto;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Benchmarks.Stages;

/// <summary>
/// Stage 2: gzip of one entry's JSON through <see cref="Gzip.Compress"/>. A typical entry (about 380 B) takes the
/// stored-block path; an entry over <see cref="Gzip.StoredThreshold"/> is deflated with a new GZipStream. The
/// GZipStream row on the typical entry is what the stored path avoids.
/// </summary>
[MemoryDiagnoser]
public class GzipStage
{
    private byte[] _typical = [];
    private byte[] _large = [];
    private PooledBufferWriter _output = null!;

    [GlobalSetup]
    public void Setup()
    {
        _typical = EntryJsonWriter.ToUtf8(SampleEntries.Log(0), SampleEntries.Context);
        _large = EntryJsonWriter.ToUtf8(SampleEntries.LargeLog(), SampleEntries.Context);
        _output = new PooledBufferWriter(16 * 1024);
    }

    [GlobalCleanup]
    public void Cleanup() => _output.Dispose();

    [Benchmark(Baseline = true, Description = "gzip: Gzip.Compress typical entry (stored)")]
    public int Typical()
    {
        _output.Clear();
        Gzip.Compress(_typical, _output);
        return _output.WrittenCount;
    }

    [Benchmark(Description = "gzip: Gzip.Compress entry over 1 KB (deflate Fastest)")]
    public int Large()
    {
        _output.Clear();
        Gzip.Compress(_large, _output);
        return _output.WrittenCount;
    }

    [Benchmark(Description = "gzip: new GZipStream(Fastest) typical entry (reference)")]
    public int TypicalDeflate()
    {
        _output.Clear();
        using (var gzip = new GZipStream(new BufferWriterStream(_output), CompressionLevel.Fastest, leaveOpen: false))
        {
            gzip.Write(_typical);
        }
        return _output.WrittenCount;
    }

    [Benchmark(Description = "gzip: CRC-32 of typical entry")]
    public uint Crc() => Crc32.Compute(_typical);
}
