using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LogFlux.Sinks.Core.Tests.Support;

namespace LogFlux.Sinks.Core.Tests.Crypto;

public class AesGcmVectorTests
{
    private static IEnumerable<TestCaseData> Cases() =>
        Vectors.Cases("aes_gcm").Select(c => new TestCaseData(c).SetArgDisplayNames(c.Text("name")));

    private static byte[] GcmInput(JsonElement vector) =>
        vector.TryGetProperty("gzip_b64", out var gzip) && gzip.ValueKind == JsonValueKind.String
            ? vector.Base64("gzip_b64")
            : Encoding.UTF8.GetBytes(vector.Text("plaintext_utf8"));

    [TestCaseSource(nameof(Cases))]
    public void Encrypt_GivesTheKnownCiphertextAndTag(JsonElement vector)
    {
        byte[] input = GcmInput(vector);
        Assert.That(input.Length, Is.EqualTo(vector.GetProperty("gcm_input_length").GetInt32()));
        using var aes = new AesGcm(vector.Hex("key_hex"), 16);
        var output = new byte[input.Length + 16];

        aes.Encrypt(vector.Hex("nonce_hex"), input, output.AsSpan(0, input.Length), output.AsSpan(input.Length));

        Assert.That(Convert.ToBase64String(output), Is.EqualTo(vector.Text("ciphertext_and_tag_b64")));
        Assert.That(output.Length, Is.EqualTo(vector.GetProperty("ciphertext_length").GetInt32()));
        Assert.That(Convert.ToHexString(output.AsSpan(input.Length)).ToLowerInvariant(), Is.EqualTo(vector.Text("tag_hex")));
        Assert.That(Convert.ToBase64String(vector.Hex("nonce_hex")), Is.EqualTo(vector.Text("nonce_b64")));
    }

    [TestCaseSource(nameof(Cases))]
    public void Decrypt_GivesThePlaintextBack(JsonElement vector)
    {
        byte[] sealedBytes = vector.Base64("ciphertext_and_tag_b64");
        using var aes = new AesGcm(vector.Base64("key_b64"), 16);
        var plain = new byte[sealedBytes.Length - 16];

        aes.Decrypt(vector.Base64("nonce_b64"), sealedBytes.AsSpan(0, plain.Length), sealedBytes.AsSpan(plain.Length), plain);

        Assert.That(plain, Is.EqualTo(GcmInput(vector)));
        byte[] json = plain[0] == 0x1f ? Gunzip(plain) : plain;
        Assert.That(Encoding.UTF8.GetString(json), Is.EqualTo(vector.Text("plaintext_utf8")));
    }

    [Test]
    public void Decrypt_WithATamperedTag_Fails()
    {
        var vector = Vectors.Section("aes_gcm")[0];
        byte[] sealedBytes = vector.Base64("ciphertext_and_tag_b64");
        sealedBytes[^1] ^= 1;
        using var aes = new AesGcm(vector.Hex("key_hex"), 16);
        var plain = new byte[sealedBytes.Length - 16];

        Assert.That(() => aes.Decrypt(vector.Hex("nonce_hex"), sealedBytes.AsSpan(0, plain.Length), sealedBytes.AsSpan(plain.Length), plain),
            Throws.InstanceOf<CryptographicException>());
    }

    private static byte[] Gunzip(byte[] data)
    {
        using var input = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
