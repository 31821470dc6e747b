using System.Security.Cryptography;
using System.Text;

namespace LogFlux.Sinks.Testing.Crypto;

/// <summary>The receiver's RSA key pair: the public PEM it announces and the private half it unwraps secrets with.</summary>
internal sealed class ServerRsaKey : IDisposable
{
    // RSA-2048 generation costs 0.1-5 s of CPU; servers without an explicit key share one generated per process.
    private static readonly Lazy<string> SharedDefaultPem = new(GeneratePkcs8Pem, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly RSA _rsa;
    private readonly RSAParameters _privateParameters;

    private ServerRsaKey(RSA rsa)
    {
        _rsa = rsa;
        _privateParameters = rsa.ExportParameters(includePrivateParameters: true);
        byte[] spki = rsa.ExportSubjectPublicKeyInfo();
        PublicKeyPem = ToPem(spki);
        Fingerprint = "SHA256:" + Convert.ToHexString(SHA256.HashData(spki)).ToLowerInvariant();
        ModulusBytes = _privateParameters.Modulus!.Length;
    }

    /// <summary>SPKI PEM with <c>\n</c> line ends and a trailing newline.</summary>
    public string PublicKeyPem { get; }

    /// <summary><c>SHA256:</c> + lowercase hex of SHA-256 over the DER SPKI bytes.</summary>
    public string Fingerprint { get; }

    /// <summary>Size of the modulus (and of every valid ciphertext) in bytes.</summary>
    public int ModulusBytes { get; }

    /// <summary>Creates a key from a PKCS#8 PEM, or from the per-process shared RSA-2048 key when <paramref name="pkcs8Pem"/> is null.</summary>
    public static ServerRsaKey Create(string? pkcs8Pem)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pkcs8Pem ?? SharedDefaultPem.Value);
            if (rsa.KeySize < 2048)
            {
                throw new ArgumentException("The RSA key must have at least 2048 bits.", nameof(pkcs8Pem));
            }

            return new ServerRsaKey(rsa);
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    /// <summary>Generates a new RSA-2048 private key as PKCS#8 PEM.</summary>
    public static string GeneratePkcs8Pem()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>
    /// Unwraps an OAEP ciphertext: SHA-256 with MGF1-SHA-256 first, then (when allowed) SHA-256 with MGF1-SHA-1.
    /// Returns null when neither decodes.
    /// </summary>
    public byte[]? Unwrap(byte[] ciphertext, bool acceptMgf1Sha1, out bool usedMgf1Sha1)
    {
        usedMgf1Sha1 = false;
        if (ciphertext.Length != ModulusBytes)
        {
            return null;
        }

        try
        {
            return _rsa.Decrypt(ciphertext, RSAEncryptionPadding.OaepSHA256);
        }
        catch (CryptographicException)
        {
            if (!acceptMgf1Sha1)
            {
                return null;
            }
        }

        byte[]? secret = OaepDecoder.Decrypt(_privateParameters, ciphertext, HashAlgorithmName.SHA1);
        usedMgf1Sha1 = secret is not null;
        return secret;
    }

    /// <inheritdoc />
    public void Dispose() => _rsa.Dispose();

    private static string ToPem(byte[] der)
    {
        string base64 = Convert.ToBase64String(der);
        var pem = new StringBuilder("-----BEGIN PUBLIC KEY-----\n");
        for (int i = 0; i < base64.Length; i += 64)
        {
            pem.Append(base64, i, Math.Min(64, base64.Length - i)).Append('\n');
        }

        return pem.Append("-----END PUBLIC KEY-----\n").ToString();
    }
}
