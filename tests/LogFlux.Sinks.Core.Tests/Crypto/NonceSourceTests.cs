using System.Collections.Concurrent;
using LogFlux.Sinks.Crypto;

namespace LogFlux.Sinks.Core.Tests.Crypto;

public class NonceSourceTests
{
    [Test]
    public void Nonces_AreUniqueOverManyDraws()
    {
        var source = new NonceSource();
        var seen = new HashSet<UInt128>();
        Span<byte> nonce = stackalloc byte[16];
        for (int i = 0; i < 100_000; i++)
        {
            source.Next(nonce[..12]);
            seen.Add(System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(nonce));
        }
        Assert.That(seen, Has.Count.EqualTo(100_000));
    }

    [Test]
    public void Nonces_AreUniqueAcrossThreads()
    {
        var source = new NonceSource();
        var seen = new ConcurrentDictionary<string, byte>();
        int duplicates = 0;
        Parallel.For(0, 8, _ =>
        {
            Span<byte> nonce = stackalloc byte[12];
            for (int i = 0; i < 10_000; i++)
            {
                source.Next(nonce);
                if (!seen.TryAdd(Convert.ToHexString(nonce), 0)) Interlocked.Increment(ref duplicates);
            }
        });
        Assert.That(duplicates, Is.Zero);
        Assert.That(seen, Has.Count.EqualTo(80_000));
    }

    [Test]
    public void Nonces_AreNotAllZero()
    {
        Span<byte> nonce = stackalloc byte[12];
        int zero = 0;
        for (int i = 0; i < NonceSource.BlockNonces * 3; i++)
        {
            NonceSource.Shared.Next(nonce);
            if (nonce.IndexOfAnyExcept((byte)0) < 0) zero++;
        }
        Assert.That(zero, Is.Zero);
    }

    [Test]
    public void Next_RequiresTwelveBytes()
    {
        Assert.Throws<ArgumentException>(() => new NonceSource().Next(new byte[16]));
    }
}
