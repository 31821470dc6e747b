using System.Security.Cryptography;

namespace LogFlux.Sinks.Crypto;

/// <summary>
/// The RSA half of the handshake (docs/protocol.md#key-wrap): importing the server's SPKI public key, wrapping the
/// AES key with RSA-OAEP (SHA-256, MGF1-SHA-256, empty label) and the key fingerprint.
/// </summary>
internal static class RsaKeyWrap
{
    /// <summary>Smallest accepted modulus.</summary>
    public const int MinimumKeyBits = 2048;

    private const string SpkiLabel = "PUBLIC KEY";
    private const string Pkcs1Label = "RSA PUBLIC KEY";

    /// <summary>
    /// Imports an RSA public key from a PEM <c>-----BEGIN PUBLIC KEY-----</c> (SubjectPublicKeyInfo) block.
    /// CR/LF variants and surrounding whitespace are tolerated; PKCS#1 blocks, non-RSA keys and moduli under
    /// 2048 bits are refused.
    /// </summary>
    /// <exception cref="CryptographicException">The text is not an acceptable key; the message says why.</exception>
    public static RSA ImportServerPublicKey(string pem)
    {
        byte[] der = DecodeSpki(pem);
        var rsa = RSA.Create();
        try
        {
            int read;
            try
            {
                rsa.ImportSubjectPublicKeyInfo(der, out read);
            }
            catch (CryptographicException ex)
            {
                throw new CryptographicException("Server public key is not an RSA SubjectPublicKeyInfo key.", ex);
            }

            if (read != der.Length) throw new CryptographicException("Server public key has trailing data after the SubjectPublicKeyInfo structure.");
            if (rsa.KeySize < MinimumKeyBits)
                throw new CryptographicException($"Server RSA key has {rsa.KeySize} bits; at least {MinimumKeyBits} are required.");
            return rsa;
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    /// <summary>Wraps <paramref name="aesKey"/> for the server: OAEP-SHA256 (MGF1-SHA256) then base64 (344 characters for RSA-2048).</summary>
    public static string WrapAesKey(string publicKeyPem, ReadOnlySpan<byte> aesKey)
    {
        using var rsa = ImportServerPublicKey(publicKeyPem);
        return WrapAesKey(rsa, aesKey);
    }

    /// <summary>Wraps <paramref name="aesKey"/> with an already imported key.</summary>
    public static string WrapAesKey(RSA publicKey, ReadOnlySpan<byte> aesKey)
    {
        Span<byte> encrypted = stackalloc byte[publicKey.KeySize / 8];
        int written = publicKey.Encrypt(aesKey, encrypted, RSAEncryptionPadding.OaepSHA256);
        return Convert.ToBase64String(encrypted[..written]);
    }

    /// <summary><c>SHA256:</c> + lowercase hex of SHA-256 over the DER SubjectPublicKeyInfo (71 characters).</summary>
    public static string Fingerprint(string publicKeyPem)
    {
        using var rsa = ImportServerPublicKey(publicKeyPem);
        return Fingerprint(rsa);
    }

    /// <summary>The fingerprint of an already imported key.</summary>
    public static string Fingerprint(RSA publicKey)
    {
        byte[] spki = publicKey.ExportSubjectPublicKeyInfo();
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(spki, hash);
        return "SHA256:" + Convert.ToHexString(hash).ToLowerInvariant();
    }

    private static byte[] DecodeSpki(string pem)
    {
        if (string.IsNullOrWhiteSpace(pem)) throw new CryptographicException("Server public key is missing.");
        string text = pem.Trim().Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        if (!PemEncoding.TryFind(text, out var fields))
        {
            throw new CryptographicException("Server public key is not a PEM block; expected -----BEGIN PUBLIC KEY----- ... -----END PUBLIC KEY-----.");
        }

        var label = text.AsSpan()[fields.Label];
        if (label.SequenceEqual(Pkcs1Label))
            throw new CryptographicException("Server public key is a PKCS#1 'BEGIN RSA PUBLIC KEY' block; an X.509 SubjectPublicKeyInfo 'BEGIN PUBLIC KEY' block is required.");
        if (!label.SequenceEqual(SpkiLabel))
            throw new CryptographicException($"Server public key PEM has the label '{label}'; 'PUBLIC KEY' is required.");

        var der = new byte[fields.DecodedDataLength];
        if (!Convert.TryFromBase64Chars(text.AsSpan()[fields.Base64Data], der, out int written) || written != der.Length)
            throw new CryptographicException("Server public key PEM contains invalid base64.");
        return der;
    }
}
