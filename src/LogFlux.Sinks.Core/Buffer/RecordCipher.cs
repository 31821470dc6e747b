using System.Security.Cryptography;

namespace LogFlux.Sinks.Buffer;

/// <summary>
/// AES-256-GCM with the buffer key: 12-byte nonce, 16-byte tag appended to the ciphertext. Not thread safe
/// (the buffer calls it under its lock).
/// </summary>
internal sealed class RecordCipher : IDisposable
{
    private readonly AesGcm _aes;

    public RecordCipher(BufferKey key) => _aes = new AesGcm(key.Key, SegmentFormat.TagSize);

    /// <summary>Seals <paramref name="plaintext"/> into <paramref name="sealedOut"/> (ciphertext followed by the tag).</summary>
    public void Seal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, Span<byte> sealedOut) =>
        _aes.Encrypt(nonce, plaintext, sealedOut[..plaintext.Length], sealedOut.Slice(plaintext.Length, SegmentFormat.TagSize), associatedData);

    /// <summary>Opens a sealed record into <paramref name="plaintextOut"/>; false when authentication fails.</summary>
    public bool TryOpen(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> sealedRecord, ReadOnlySpan<byte> associatedData, Span<byte> plaintextOut)
    {
        if (sealedRecord.Length < SegmentFormat.TagSize) return false;
        var length = sealedRecord.Length - SegmentFormat.TagSize;
        try
        {
            _aes.Decrypt(nonce, sealedRecord[..length], sealedRecord[length..], plaintextOut[..length], associatedData);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    public void Dispose() => _aes.Dispose();
}
