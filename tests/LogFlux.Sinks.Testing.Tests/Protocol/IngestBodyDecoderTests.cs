using LogFlux.Sinks.Testing.Crypto;
using LogFlux.Sinks.Testing.Protocol;
using LogFlux.Sinks.Testing.Tests.Support;

namespace LogFlux.Sinks.Testing.Tests.Protocol;

public class IngestBodyDecoderTests
{
    private const string KeyId = "key-1";
    private static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray();

    [TestCase(0, true)]
    [TestCase(1, false)]
    public void Decodes_the_multipart_vectors_to_their_plaintexts(int index, bool compressed)
    {
        var vector = Vectors.Multipart(index);
        var keys = new SessionKeyStore();
        keys.Register(vector.S("key_id"), Convert.FromHexString(vector.S("aes_key_hex")));

        var result = new IngestBodyDecoder(keys, 0).Decode(Convert.FromBase64String(vector.S("body_b64")), vector.S("boundary"), 1, "eu-lf_x", DateTimeOffset.UtcNow);

        Assert.That(result.Problems, Is.Empty);
        var parts = vector.GetProperty("parts");
        Assert.That(result.Entries.Select(e => e.RawJson), Is.EqualTo(new[] { parts[0].S("plaintext_json"), parts[1].S("plaintext_json") }));
        Assert.Multiple(() =>
        {
            Assert.That(result.Entries.Select(e => e.EntryType), Is.EqualTo(new[] { 1, 7 }));
            Assert.That(result.Entries.Select(e => e.PayloadType), Is.EqualTo(new[] { 1, 3 }));
            Assert.That(result.Entries.Select(e => e.WasCompressed), Is.All.EqualTo(compressed));
            Assert.That(result.Entries[0].KeyId, Is.EqualTo(vector.S("key_id")));
            Assert.That(result.Entries[0].NonceBase64, Is.EqualTo(parts[0].S("nonce_b64")));
            Assert.That(result.Entries[1].KeyId, Is.Null);
            Assert.That(result.Entries[0].TimestampHeader, Is.EqualTo("2026-01-15T10:30:00.123Z"));
        });
    }

    [Test]
    public void Reports_every_bad_part_and_keeps_no_entries()
    {
        var body = new TestMultipart()
            .AddEncrypted(1, Payloads.Log(), KeyId, Key)
            .AddEncrypted(2, Payloads.Log(), KeyId, Key)
            .AddManaged(Payloads.Telemetry, editHeaders: h => h.Add("X-LF-Key-ID: " + KeyId));

        var result = Decode(body);

        Assert.That(result.Entries, Is.Empty);
        Assert.That(result.PartCount, Is.EqualTo(3));
        Assert.That(result.Problems.Select(p => p.Reason), Is.EqualTo(new[]
        {
            "part 2: field 'type' is \"log\" but entry type 2 requires \"metric\"",
            "part 3: X-LF-Key-ID and X-LF-Nonce must be absent for entry type 7",
        }));
    }

    [Test]
    public void Unknown_key_id_maps_to_401()
    {
        var result = Decode(new TestMultipart().AddEncrypted(1, Payloads.Log(), "other", Key));
        Assert.That(result.Problems.Single(), Is.EqualTo(new PartProblem(401, "part 1: unknown key id \"other\"")));
    }

    [Test]
    public void Oversized_part_maps_to_413()
    {
        var keys = new SessionKeyStore();
        keys.Register(KeyId, Key);
        var body = new TestMultipart().AddEncrypted(1, Payloads.Log(new string('x', 500)), KeyId, Key, compress: false);
        var result = new IngestBodyDecoder(keys, maxPayloadSize: 100).Decode(body.Build(), body.Boundary, 1, "eu-lf_x", DateTimeOffset.UtcNow);
        Assert.That(result.Problems.Single().StatusCode, Is.EqualTo(413));
        Assert.That(result.Problems.Single().Reason, Does.Contain("exceeds max_payload_size 100"));
    }

    [Test]
    public void Gzip_bomb_is_refused()
    {
        byte[] bomb = TestMultipart.Gzip(new byte[11 * 1024 * 1024]);
        var body = new TestMultipart().AddEncryptedBytes(1, bomb, KeyId, Key);
        Assert.That(Decode(body).Problems.Single().Reason, Is.EqualTo("part 1: decompressed payload exceeds 10 MiB"));
    }

    [Test]
    public void Broken_gzip_is_refused()
    {
        byte[] broken = [0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02, 0x03];
        var body = new TestMultipart().AddEncryptedBytes(1, broken, KeyId, Key);
        Assert.That(Decode(body).Problems.Single().Reason, Is.EqualTo("part 1: invalid gzip data"));
    }

    [Test]
    public void Truncated_gzip_is_refused()
    {
        byte[] gzip = TestMultipart.Gzip(System.Text.Encoding.UTF8.GetBytes(Payloads.Log(new string('x', 2000))));
        var body = new TestMultipart().AddEncryptedBytes(1, gzip[..(gzip.Length - 6)], KeyId, Key);
        Assert.That(Decode(body).Problems.Single().Reason, Does.StartWith("part 1: invalid gzip data"));
    }

    private static IngestDecodeResult Decode(TestMultipart body)
    {
        var keys = new SessionKeyStore();
        keys.Register(KeyId, Key);
        return new IngestBodyDecoder(keys, 0).Decode(body.Build(), body.Boundary, 1, "eu-lf_x", DateTimeOffset.UtcNow);
    }
}
