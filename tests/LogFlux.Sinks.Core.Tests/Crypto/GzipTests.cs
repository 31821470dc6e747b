using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using LogFlux.Sinks.Crypto;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Core.Tests.Crypto;

public class GzipTests
{
    private static byte[] Compress(byte[] input)
    {
        using var output = new PooledBufferWriter(64);
        Gzip.Compress(input, output);
        return output.WrittenSpan.ToArray();
    }

    private static byte[] Gunzip(byte[] data)
    {
        using var input = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(200)]
    [TestCase(Gzip.StoredThreshold - 1)]
    public void SmallInput_IsAStoredGzipMemberThatGunzips(int length)
    {
        byte[] input = RandomNumberGenerator.GetBytes(length);
        byte[] gz = Compress(input);

        Assert.That(gz[0], Is.EqualTo(0x1f));
        Assert.That(gz[1], Is.EqualTo(0x8b));
        Assert.That(gz[2], Is.EqualTo(8));
        Assert.That(gz, Has.Length.EqualTo(Gzip.StoredLength(length)));
        Assert.That(gz[10], Is.EqualTo(1), "single final stored block");
        Assert.That(Gunzip(gz), Is.EqualTo(input));
    }

    [Test]
    public void StoredWriter_SplitsIntoBlocksOf64KiB()
    {
        byte[] input = RandomNumberGenerator.GetBytes(150_000);
        using var output = new PooledBufferWriter(64);
        Gzip.WriteStored(input, output);

        Assert.That(output.WrittenCount, Is.EqualTo(10 + 3 * 5 + 150_000 + 8));
        Assert.That(Gunzip(output.WrittenSpan.ToArray()).AsSpan().SequenceEqual(input), Is.True);
    }

    [TestCase(Gzip.StoredThreshold)]
    [TestCase(100_000)]
    public void LargeInput_IsDeflatedAndGunzips(int length)
    {
        byte[] input = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"message\":\"order placed\"}", length / 26 + 1)))[..length];
        byte[] gz = Compress(input);

        Assert.That(gz[0], Is.EqualTo(0x1f));
        Assert.That(gz[1], Is.EqualTo(0x8b));
        Assert.That(gz.Length, Is.LessThan(length / 2), "repetitive JSON compresses");
        Assert.That(Gunzip(gz).AsSpan().SequenceEqual(input), Is.True);
    }

    [Test]
    public void Compress_AppendsToExistingOutput()
    {
        using var output = new PooledBufferWriter(64);
        output.Write("prefix"u8);
        Gzip.Compress("hello"u8, output);
        Assert.That(Gunzip(output.WrittenSpan[6..].ToArray()), Is.EqualTo("hello"u8.ToArray()));
    }

    [TestCase("", 0x00000000u)]
    [TestCase("a", 0xE8B7BE43u)]
    [TestCase("123456789", 0xCBF43926u)]
    [TestCase("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    public void Crc32_KnownValues(string text, uint expected)
    {
        Assert.That(Crc32.Compute(Encoding.ASCII.GetBytes(text)), Is.EqualTo(expected));
    }

    [Test]
    public void Crc32_AppendEqualsOneShot()
    {
        byte[] data = RandomNumberGenerator.GetBytes(1000);
        uint split = Crc32.Append(Crc32.Compute(data.AsSpan(0, 333)), data.AsSpan(333));
        Assert.That(split, Is.EqualTo(Crc32.Compute(data)));
    }
}
