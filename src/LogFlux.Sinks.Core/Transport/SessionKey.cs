using System.Security.Cryptography;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Transport;

/// <summary>
/// A negotiated AES-256 key and its key id, plus what the server announced with it.
/// Owns the key bytes and zeroes them on dispose.
/// </summary>
internal sealed class SessionKey : IDisposable
{
    private readonly byte[] _key;
    private int _disposed;

    public SessionKey(ReadOnlySpan<byte> key, string keyId, string baseUrl, ServerLimits limits, string? serverKeyFingerprint, string keySource, long generation)
    {
        if (key.Length != 32) throw new ArgumentException("The AES key must be 32 bytes.", nameof(key));
        _key = GC.AllocateUninitializedArray<byte>(32, pinned: true);
        key.CopyTo(_key);
        KeyId = keyId;
        BaseUrl = baseUrl;
        Limits = limits;
        ServerKeyFingerprint = serverKeyFingerprint;
        KeySource = keySource;
        Generation = generation;
    }

    /// <summary>The opaque key id sent in every <c>X-LF-Key-ID</c> header.</summary>
    public string KeyId { get; }

    /// <summary>Ingestor base URL, no trailing slash.</summary>
    public string BaseUrl { get; }

    /// <summary>Limits announced by the server at handshake.</summary>
    public ServerLimits Limits { get; }

    /// <summary><c>SHA256:…</c> of the server RSA key, when known.</summary>
    public string? ServerKeyFingerprint { get; }

    /// <summary><c>handshake</c> or <c>persisted</c>.</summary>
    public string KeySource { get; }

    /// <summary>Increases with every new key of one client; lets workers notice a swap.</summary>
    public long Generation { get; }

    /// <summary>When the key was negotiated (the basis for rotation).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Encryptions counted and reserved under this key (docs/protocol.md#key-rotation-and-nonce-budget).</summary>
    public Keys.NonceBudget Nonces { get; init; } = new(0, Keys.NonceBudget.BlockSize);

    /// <summary>True once disposed (the key is zeroed).</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>The raw key. Valid until dispose; never log it.</summary>
    public ReadOnlySpan<byte> Key
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            return _key;
        }
    }

    /// <summary>Creates an AES-GCM instance over this key (one per worker/batch; AesGcm is not thread safe).</summary>
    public AesGcm CreateAesGcm() => new(Key, 16);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) CryptographicOperations.ZeroMemory(_key);
    }

    public override string ToString() => $"SessionKey(key_id={KeyId}, source={KeySource})";
}
