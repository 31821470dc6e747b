using System.Security.Cryptography;
using System.Text;

namespace LogFlux.Sinks.Buffer;

/// <summary>
/// The 32-byte AES key of one buffer directory and its 8-byte id (the first 8 bytes of SHA-256 of
/// <c>logflux-buffer-key-id</c> LF key), which segment headers carry so that a segment written under another key
/// is recognised without trying to decrypt it. <see cref="ToString"/> never shows the key.
/// </summary>
internal sealed class BufferKey : IDisposable
{
    public const int KeySize = 32;

    private readonly byte[] _key;

    public BufferKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize) throw new ArgumentException("A buffer key is 32 bytes.", nameof(key));
        _key = key.ToArray();
        KeyId = IdOf(key);
    }

    /// <summary>A fresh key from the operating system's CSPRNG.</summary>
    public static BufferKey Generate()
    {
        Span<byte> key = stackalloc byte[KeySize];
        RandomNumberGenerator.Fill(key);
        try
        {
            return new BufferKey(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    public ReadOnlySpan<byte> Key => _key;

    public byte[] KeyId { get; }

    public string KeyIdHex => Convert.ToHexString(KeyId).ToLowerInvariant();

    public static byte[] IdOf(ReadOnlySpan<byte> key)
    {
        var label = Encoding.ASCII.GetBytes("logflux-buffer-key-id\n");
        var input = new byte[label.Length + key.Length];
        label.CopyTo(input, 0);
        key.CopyTo(input.AsSpan(label.Length));
        var hash = SHA256.HashData(input);
        CryptographicOperations.ZeroMemory(input);
        return hash.AsSpan(0, SegmentFormat.KeyIdSize).ToArray();
    }

    public void Dispose() => CryptographicOperations.ZeroMemory(_key);

    public override string ToString() => $"BufferKey(id {KeyIdHex}, key ***)";
}
