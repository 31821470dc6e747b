using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace LogFlux.Sinks.Throughput.Receiver;

/// <summary>
/// The lean receiver's key material: an RSA-2048 key pair generated at start (its SPKI PEM is announced by
/// the handshake) and the AES session keys unwrapped from the clients' secrets, by key id. The session keys
/// outlive stop/restart, so a client keeps its key id across an outage run. Thread-safe.
/// </summary>
internal sealed class HandshakeKeys : IDisposable
{
    public const int AesKeySize = 32;

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly object _rsaGate = new();
    private readonly ConcurrentDictionary<string, byte[]> _sessions = new(StringComparer.Ordinal);

    public HandshakeKeys()
    {
        PublicKeyPem = _rsa.ExportSubjectPublicKeyInfoPem().ReplaceLineEndings("\n") + "\n";
        ModulusBytes = _rsa.KeySize / 8;
    }

    /// <summary>SPKI PEM (<c>-----BEGIN PUBLIC KEY-----</c>) with <c>\n</c> line ends.</summary>
    public string PublicKeyPem { get; }

    /// <summary>Length of every valid OAEP ciphertext.</summary>
    public int ModulusBytes { get; }

    /// <summary>
    /// RSA-OAEP (SHA-256, MGF1-SHA-256, empty label) unwrap of a client's AES key; on success the key is kept under a
    /// new UUID key id. Returns null with a reason when the ciphertext is not a wrapped 32-byte key.
    /// </summary>
    public string? TryUnwrap(byte[] ciphertext, out string? failure)
    {
        failure = null;
        if (ciphertext.Length != ModulusBytes)
        {
            failure = $"encrypted_secret must be {ModulusBytes} bytes, got {ciphertext.Length}";
            return null;
        }

        byte[] key;
        try
        {
            lock (_rsaGate) key = _rsa.Decrypt(ciphertext, RSAEncryptionPadding.OaepSHA256);
        }
        catch (CryptographicException)
        {
            failure = "encrypted_secret could not be decrypted (RSA-OAEP SHA-256)";
            return null;
        }

        if (key.Length != AesKeySize)
        {
            CryptographicOperations.ZeroMemory(key);
            failure = $"decrypted secret must be {AesKeySize} bytes, got {key.Length}";
            return null;
        }

        string keyId = Guid.NewGuid().ToString();
        _sessions[keyId] = key;
        return keyId;
    }

    public bool TryGetSessionKey(string keyId, out byte[] key) => _sessions.TryGetValue(keyId, out key!);

    public void Dispose()
    {
        _rsa.Dispose();
        foreach (var key in _sessions.Values) CryptographicOperations.ZeroMemory(key);
        _sessions.Clear();
    }
}
