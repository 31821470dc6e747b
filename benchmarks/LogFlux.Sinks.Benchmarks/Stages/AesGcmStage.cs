using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using LogFlux.Sinks.Crypto;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Benchmarks.Stages;

/// <summary>Stage 3b: AES-256-GCM over one typical gzipped entry with a reused <see cref="AesGcm"/> (the per-call cost dominates).</summary>
[MemoryDiagnoser]
public class AesGcmStage
{
    private readonly byte[] _nonce = new byte[12];
    private readonly byte[] _tag = new byte[16];
    private byte[] _plaintext = [];
    private byte[] _ciphertext = [];
    private byte[] _small = [];
    private AesGcm _aes = null!;

    [GlobalSetup]
    public void Setup()
    {
        var json = EntryJsonWriter.ToUtf8(SampleEntries.Log(0), SampleEntries.Context);
        using var gz = new PooledBufferWriter(1024);
        Gzip.Compress(json, gz);
        _plaintext = gz.WrittenSpan.ToArray();
        _ciphertext = new byte[_plaintext.Length];
        _small = new byte[16];
        _aes = new AesGcm(RandomNumberGenerator.GetBytes(32), 16);
    }

    [GlobalCleanup]
    public void Cleanup() => _aes.Dispose();

    [Benchmark(Baseline = true, Description = "AES-GCM: encrypt typical gzipped entry")]
    public byte Entry()
    {
        _aes.Encrypt(_nonce, _plaintext, _ciphertext, _tag);
        return _tag[0];
    }

    [Benchmark(Description = "AES-GCM: encrypt 16 B (fixed cost per call)")]
    public byte Fixed()
    {
        _aes.Encrypt(_nonce, _small, _small, _tag);
        return _tag[0];
    }
}
