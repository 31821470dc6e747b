using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using LogFlux.Sinks.Crypto;

namespace LogFlux.Sinks.Benchmarks.Stages;

/// <summary>Stage 3a: one 12-byte AES-GCM nonce, from <see cref="NonceSource"/> (one CSPRNG call per block) or directly.</summary>
[MemoryDiagnoser]
public class NonceStage
{
    private readonly byte[] _nonce = new byte[NonceSource.NonceSize];
    private readonly NonceSource _source = new();

    [Benchmark(Baseline = true, Description = "nonce: NonceSource.Next")]
    public byte Pooled()
    {
        _source.Next(_nonce);
        return _nonce[0];
    }

    [Benchmark(Description = "nonce: RandomNumberGenerator.Fill(12 B) (reference)")]
    public byte Direct()
    {
        RandomNumberGenerator.Fill(_nonce);
        return _nonce[0];
    }
}
