using System.Security.Cryptography;
using LogFlux.Sinks.Testing.Crypto;
using LogFlux.Sinks.Testing.Tests.Support;

namespace LogFlux.Sinks.Testing.Tests.Crypto;

public class OaepDecoderTests
{
    private static RSAParameters VectorKey()
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(Vectors.RsaPrivateKeyPem);
        return rsa.ExportParameters(true);
    }

    [Test]
    public void Standard_vector_decodes_with_MGF1_SHA256()
    {
        byte[]? secret = OaepDecoder.Decrypt(VectorKey(), Vectors.StandardCiphertext, HashAlgorithmName.SHA256);
        Assert.That(secret, Is.EqualTo(Vectors.RsaAesKey));
    }

    [Test]
    public void Java_vector_decodes_only_with_MGF1_SHA1()
    {
        var key = VectorKey();
        Assert.That(OaepDecoder.Decrypt(key, Vectors.JavaCiphertext, HashAlgorithmName.SHA1), Is.EqualTo(Vectors.RsaAesKey));
        Assert.That(OaepDecoder.Decrypt(key, Vectors.JavaCiphertext, HashAlgorithmName.SHA256), Is.Null);
        Assert.That(OaepDecoder.Decrypt(key, Vectors.StandardCiphertext, HashAlgorithmName.SHA1), Is.Null);
    }

    [Test]
    public void Agrees_with_the_platform_on_random_round_trips()
    {
        using var rsa = RSA.Create(2048);
        var parameters = rsa.ExportParameters(true);
        for (int i = 0; i < 5; i++)
        {
            byte[] secret = RandomNumberGenerator.GetBytes(32);
            byte[] ciphertext = rsa.Encrypt(secret, RSAEncryptionPadding.OaepSHA256);
            Assert.That(OaepDecoder.Decrypt(parameters, ciphertext, HashAlgorithmName.SHA256), Is.EqualTo(secret));
        }
    }

    [Test]
    public void Rejects_wrong_length_and_out_of_range_ciphertexts()
    {
        var key = VectorKey();
        Assert.That(OaepDecoder.Decrypt(key, Vectors.StandardCiphertext.AsSpan(1), HashAlgorithmName.SHA256), Is.Null);
        byte[] tooBig = Enumerable.Repeat((byte)0xff, 256).ToArray();
        Assert.That(OaepDecoder.Decrypt(key, tooBig, HashAlgorithmName.SHA256), Is.Null);
    }
}
