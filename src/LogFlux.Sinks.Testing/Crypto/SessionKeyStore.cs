using System.Collections.Concurrent;

namespace LogFlux.Sinks.Testing.Crypto;

/// <summary>The AES session keys the receiver knows, by key id. Thread-safe.</summary>
internal sealed class SessionKeyStore
{
    private readonly ConcurrentDictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    public int Count => _keys.Count;

    public string Add(byte[] key)
    {
        string keyId = Guid.NewGuid().ToString();
        _keys[keyId] = key;
        return keyId;
    }

    public void Register(string keyId, byte[] key) => _keys[keyId] = key;

    public bool TryGet(string keyId, out byte[] key) => _keys.TryGetValue(keyId, out key!);

    public void Forget(string keyId)
    {
        // Not zeroed: a request that is decrypting with it right now must not see the bytes change.
        _keys.TryRemove(keyId, out _);
    }

    public void ForgetAll()
    {
        foreach (string keyId in _keys.Keys)
        {
            Forget(keyId);
        }
    }
}
