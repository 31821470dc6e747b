using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LogFlux.Sinks.Core.Tests.Support;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Core.Tests.Protocol;

public class MultipartWriterTests
{
    private static IEnumerable<TestCaseData> MultipartVectors() =>
        Vectors.Cases("multipart").Select(c => new TestCaseData(c).SetArgDisplayNames(c.Text("name")));

    [TestCaseSource(nameof(MultipartVectors))]
    public void Writer_ReproducesTheVectorBodyByteForByte(JsonElement vector)
    {
        using var aes = new AesGcm(vector.Hex("aes_key_hex"), 16);
        byte[] keyId = Encoding.ASCII.GetBytes(vector.Text("key_id"));
        using var output = new PooledBufferWriter(64);
        var writer = new MultipartWriter(output, vector.Text("boundary"));

        foreach (var part in vector.GetProperty("parts").EnumerateArray())
        {
            var type = (LogFluxEntryType)part.GetProperty("entry_type").GetInt32();
            var timestamp = DateTimeOffset.Parse(part.GetProperty("headers")[3].GetString()!["X-LF-Timestamp: ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            byte[] input = part.GetProperty("gzip_b64").ValueKind == JsonValueKind.Null
                ? Encoding.UTF8.GetBytes(part.Text("plaintext_json"))
                : part.Base64("gzip_b64");

            if (MultipartWriter.IsEncrypted(type))
                writer.WriteEncryptedPart(type, timestamp, keyId, part.Hex("nonce_hex"), input, aes);
            else
                writer.WritePart(type, MultipartWriter.PayloadTypeOf(type), timestamp, default, default, input);
        }
        writer.Complete();

        Assert.That(output.WrittenCount, Is.EqualTo(vector.GetProperty("body_length").GetInt32()));
        Assert.That(writer.BytesWritten, Is.EqualTo(output.WrittenCount));
        Assert.That(Convert.ToBase64String(output.WrittenSpan), Is.EqualTo(vector.Text("body_b64")));
        Assert.That(Convert.ToHexString(SHA256.HashData(output.WrittenSpan)).ToLowerInvariant(), Is.EqualTo(vector.Text("body_sha256_hex")));
        Assert.That(MultipartWriter.ContentType(writer.Boundary), Is.EqualTo(vector.Text("content_type")));
    }

    [TestCaseSource(nameof(MultipartVectors))]
    public void VectorHeaders_AreInWireOrder(JsonElement vector)
    {
        var parts = TestMultipartReader.Read(vector.Base64("body_b64"), vector.Text("boundary"));
        int i = 0;
        foreach (var part in vector.GetProperty("parts").EnumerateArray())
        {
            var expected = part.GetProperty("headers").EnumerateArray().Select(h => h.GetString()!).ToList();
            Assert.That(parts[i].HeaderLines, Is.EqualTo(expected));
            Assert.That(Convert.ToBase64String(parts[i].Body), Is.EqualTo(part.Text("part_body_b64")));
            i++;
        }
    }

    [Test]
    public void MeasurePart_PredictsTheBytesWritten()
    {
        using var output = new PooledBufferWriter(64);
        var writer = new MultipartWriter(output, "logflux-0123456789abcdef0123456789abcdef");
        using var aes = new AesGcm(new byte[32], 16);
        byte[] keyId = "key-1"u8.ToArray();

        int first = writer.MeasurePart(keyId.Length, true, 10 + 16);
        writer.WriteEncryptedPart(LogFluxEntryType.Log, DateTimeOffset.UnixEpoch, keyId, new byte[12], new byte[10], aes);
        Assert.That(output.WrittenCount, Is.EqualTo(first));

        int second = writer.MeasurePart(0, false, 7);
        writer.WritePart(LogFluxEntryType.TelemetryManaged, 3, DateTimeOffset.UnixEpoch, default, default, new byte[7]);
        Assert.That(output.WrittenCount, Is.EqualTo(first + second));

        int closing = writer.ClosingLength;
        writer.Complete();
        Assert.That(output.WrittenCount, Is.EqualTo(first + second + closing));
        Assert.That(TestMultipartReader.Read(output.WrittenSpan, writer.Boundary), Has.Count.EqualTo(2));
    }

    [Test]
    public void EmptyBody_IsJustTheClosingDelimiter()
    {
        using var output = new PooledBufferWriter(64);
        var writer = new MultipartWriter(output, "b");
        writer.Complete();
        Assert.That(Encoding.ASCII.GetString(output.WrittenSpan), Is.EqualTo("--b--\r\n"));
    }

    [Test]
    public void NewBoundary_IsPrefixedRandomLowercaseHex()
    {
        string a = MultipartWriter.NewBoundary();
        string b = MultipartWriter.NewBoundary();
        Assert.That(a, Does.Match("^logflux-[0-9a-f]{32}$"));
        Assert.That(a, Is.Not.EqualTo(b));
    }

    [Test]
    public void PayloadType_IsThreeOnlyForManagedTelemetry()
    {
        foreach (var type in Enum.GetValues<LogFluxEntryType>())
        {
            int expected = type == LogFluxEntryType.TelemetryManaged ? 3 : 1;
            Assert.That(MultipartWriter.PayloadTypeOf(type), Is.EqualTo(expected), type.ToString());
            Assert.That(MultipartWriter.IsEncrypted(type), Is.EqualTo(expected == 1), type.ToString());
        }
    }

    [Test]
    public void WriteAfterComplete_Throws()
    {
        using var output = new PooledBufferWriter(64);
        var writer = new MultipartWriter(output, "b");
        writer.Complete();
        Assert.Throws<InvalidOperationException>(() => writer.WritePart(LogFluxEntryType.TelemetryManaged, 3, DateTimeOffset.UnixEpoch, default, default, new byte[1]));
    }
}
