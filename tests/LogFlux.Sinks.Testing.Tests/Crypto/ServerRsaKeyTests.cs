using System.Security.Cryptography;
using LogFlux.Sinks.Testing.Crypto;
using LogFlux.Sinks.Testing.Tests.Support;

namespace LogFlux.Sinks.Testing.Tests.Crypto;

public class ServerRsaKeyTests
{
    [Test]
    public void Vector_key_gives_the_vector_public_pem_and_fingerprint()
    {
        using var key = ServerRsaKey.Create(Vectors.RsaPrivateKeyPem);
        Assert.Multiple(() =>
        {
            Assert.That(key.Fingerprint, Is.EqualTo(Vectors.Rsa.S("public_key_fingerprint")));
            Assert.That(key.PublicKeyPem, Is.EqualTo(Vectors.Rsa.S("public_key_pem")));
            Assert.That(key.ModulusBytes, Is.EqualTo(256));
        });
    }

    [Test]
    public void Default_key_is_RSA_2048_SPKI_and_shared()
    {
        using var key = ServerRsaKey.Create(null);
        using var again = ServerRsaKey.Create(null);
        Assert.That(again.Fingerprint, Is.EqualTo(key.Fingerprint));
        using var rsa = RSA.Create();
        rsa.ImportFromPem(key.PublicKeyPem);
        Assert.Multiple(() =>
        {
            Assert.That(key.PublicKeyPem, Does.StartWith("-----BEGIN PUBLIC KEY-----\n").And.EndWith("-----END PUBLIC KEY-----\n"));
            Assert.That(rsa.KeySize, Is.EqualTo(2048));
            Assert.That(key.Fingerprint, Does.Match("^SHA256:[0-9a-f]{64}$"));
        });
    }

    [Test]
    public void Java_ciphertext_is_unwrapped_only_when_allowed()
    {
        using var key = ServerRsaKey.Create(Vectors.RsaPrivateKeyPem);
        Assert.That(key.Unwrap(Vectors.JavaCiphertext, acceptMgf1Sha1: false, out _), Is.Null);
        Assert.That(key.Unwrap(Vectors.JavaCiphertext, acceptMgf1Sha1: true, out bool usedSha1), Is.EqualTo(Vectors.RsaAesKey));
        Assert.That(usedSha1, Is.True);
        Assert.That(key.Unwrap(Vectors.StandardCiphertext, acceptMgf1Sha1: true, out usedSha1), Is.EqualTo(Vectors.RsaAesKey));
        Assert.That(usedSha1, Is.False);
    }

    [Test]
    public void Keys_shorter_than_2048_bits_are_refused()
    {
        using var small = RSA.Create(1024);
        Assert.That(() => ServerRsaKey.Create(small.ExportPkcs8PrivateKeyPem()), Throws.ArgumentException);
    }
}
