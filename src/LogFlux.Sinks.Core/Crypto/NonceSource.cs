using System.Security.Cryptography;

namespace LogFlux.Sinks.Crypto;

/// <summary>
/// AES-GCM nonces (12 bytes) from the operating system's CSPRNG. Draws a block of
/// <see cref="BlockNonces"/> nonces per <see cref="RandomNumberGenerator.Fill"/> call and hands each
/// slot out exactly once (a used slot is zeroed). Thread safe.
/// </summary>
internal sealed class NonceSource
{
    public const int NonceSize = 12;
    public const int BlockNonces = 64;

    private readonly byte[] _block = new byte[NonceSize * BlockNonces];
    private readonly object _gate = new();
    private int _next = BlockNonces;

    /// <summary>A process-wide instance.</summary>
    public static NonceSource Shared { get; } = new();

    /// <summary>Writes a fresh nonce into <paramref name="nonce12"/> (exactly 12 bytes).</summary>
    public void Next(Span<byte> nonce12)
    {
        if (nonce12.Length != NonceSize) throw new ArgumentException("A nonce is 12 bytes.", nameof(nonce12));
        lock (_gate)
        {
            if (_next == BlockNonces)
            {
                RandomNumberGenerator.Fill(_block);
                _next = 0;
            }
            var slot = _block.AsSpan(_next * NonceSize, NonceSize);
            slot.CopyTo(nonce12);
            slot.Clear();
            _next++;
        }
    }
}
