using System.Text.Json;
using BenchmarkDotNet.Attributes;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Benchmarks.Stages;

/// <summary>Stage 1: the v2 JSON of one entry through <see cref="EntryJsonWriter"/> with a reused writer.</summary>
[MemoryDiagnoser]
public class EntryJsonStage
{
    private readonly LogEntry _entry = SampleEntries.Log(0);
    private PooledBufferWriter _buffer = null!;
    private Utf8JsonWriter _writer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _buffer = new PooledBufferWriter(4096);
        _writer = new Utf8JsonWriter(_buffer, EntryJsonWriter.WriterOptions);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _writer.Dispose();
        _buffer.Dispose();
    }

    [Benchmark(Description = "JSON: EntryJsonWriter.Write, reused writer")]
    public int Json()
    {
        _buffer.Clear();
        _writer.Reset(_buffer);
        EntryJsonWriter.Write(_writer, _entry, SampleEntries.Context);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "JSON: EntryJsonWriter.ToUtf8 (new array)")]
    public byte[] JsonToArray() => EntryJsonWriter.ToUtf8(_entry, SampleEntries.Context);
}
