using System.Security.Cryptography;
using LogFlux.Sinks.Core.Tests.Support;
using LogFlux.Sinks.Crypto;

namespace LogFlux.Sinks.Core.Tests.Crypto;

public class RsaKeyWrapTests
{
    private static System.Text.Json.JsonElement Rsa => Vectors.Section("rsa_oaep");

    private static RSA PrivateKey()
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(Rsa.Text("private_key_pem"));
        return rsa;
    }

    [Test]
    public void VectorCiphertext_DecryptsToTheAesKey_WithOaepSha256()
    {
        using var rsa = PrivateKey();
        byte[] key = rsa.Decrypt(Rsa.Base64("ciphertext_b64"), RSAEncryptionPadding.OaepSHA256);
        Assert.That(key, Is.EqualTo(Rsa.Hex("aes_key_hex")));
    }

    [Test]
    public void JavaMgf1Sha1Ciphertext_FailsOaepSha256Decryption()
    {
        using var rsa = PrivateKey();
        byte[] javaCiphertext = Rsa.GetProperty("java_sdk_variant").Base64("ciphertext_b64");
        Assert.That(() => rsa.Decrypt(javaCiphertext, RSAEncryptionPadding.OaepSHA256), Throws.InstanceOf<CryptographicException>());
    }

    [Test]
    public void WrapAesKey_RoundTripsThroughThePrivateKey()
    {
        byte[] aesKey = Rsa.Hex("aes_key_hex");
        string wrapped = RsaKeyWrap.WrapAesKey(Rsa.Text("public_key_pem"), aesKey);

        Assert.That(wrapped, Has.Length.EqualTo(344));
        Assert.That(wrapped, Does.EndWith("="));
        using var rsa = PrivateKey();
        Assert.That(rsa.Decrypt(Convert.FromBase64String(wrapped), RSAEncryptionPadding.OaepSHA256), Is.EqualTo(aesKey));
    }

    [Test]
    public void WrapAesKey_IsNotSha1Oaep()
    {
        string wrapped = RsaKeyWrap.WrapAesKey(Rsa.Text("public_key_pem"), Rsa.Hex("aes_key_hex"));
        using var rsa = PrivateKey();
        Assert.That(() => rsa.Decrypt(Convert.FromBase64String(wrapped), RSAEncryptionPadding.OaepSHA1), Throws.InstanceOf<CryptographicException>());
    }

    [Test]
    public void WrapAesKey_IsRandomised()
    {
        byte[] aesKey = Rsa.Hex("aes_key_hex");
        Assert.That(RsaKeyWrap.WrapAesKey(Rsa.Text("public_key_pem"), aesKey), Is.Not.EqualTo(RsaKeyWrap.WrapAesKey(Rsa.Text("public_key_pem"), aesKey)));
    }

    [Test]
    public void Fingerprint_MatchesTheVector()
    {
        Assert.That(RsaKeyWrap.Fingerprint(Rsa.Text("public_key_pem")), Is.EqualTo(Rsa.Text("public_key_fingerprint")));
    }

    [Test]
    public void Import_ToleratesCrLfAndSurroundingWhitespace()
    {
        string pem = "\r\n  " + Rsa.Text("public_key_pem").Replace("\n", "\r\n") + "  \n";
        using var rsa = RsaKeyWrap.ImportServerPublicKey(pem);
        Assert.That(rsa.KeySize, Is.EqualTo(2048));
        Assert.That(RsaKeyWrap.Fingerprint(pem), Is.EqualTo(Rsa.Text("public_key_fingerprint")));
    }

    [Test]
    public void Import_RefusesPkcs1Block()
    {
        using var rsa = PrivateKey();
        string pkcs1 = PemEncoding.WriteString("RSA PUBLIC KEY", rsa.ExportRSAPublicKey());
        var ex = Assert.Throws<CryptographicException>(() => RsaKeyWrap.ImportServerPublicKey(pkcs1));
        Assert.That(ex!.Message, Does.Contain("PKCS#1"));
    }

    [Test]
    public void Import_RefusesShortKeys()
    {
        using var small = RSA.Create(1024);
        var ex = Assert.Throws<CryptographicException>(() => RsaKeyWrap.ImportServerPublicKey(small.ExportSubjectPublicKeyInfoPem()));
        Assert.That(ex!.Message, Does.Contain("1024 bits"));
    }

    [Test]
    public void Import_RefusesNonRsaKeys()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var ex = Assert.Throws<CryptographicException>(() => RsaKeyWrap.ImportServerPublicKey(ec.ExportSubjectPublicKeyInfoPem()));
        Assert.That(ex!.Message, Does.Contain("not an RSA"));
    }

    [TestCase("")]
    [TestCase("not a pem")]
    [TestCase("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")]
    [TestCase("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")]
    public void Import_RefusesGarbage(string pem)
    {
        Assert.Throws<CryptographicException>(() => RsaKeyWrap.ImportServerPublicKey(pem));
    }
}
