using System.Numerics;
using System.Security.Cryptography;

namespace LogFlux.Sinks.Testing.Crypto;

/// <summary>
/// RSA-OAEP decryption with a SHA-256 label hash and a selectable MGF1 digest (RFC 8017, section 7.1.2).
/// The platform RSA type always uses the OAEP digest for MGF1 too, so the Java SDK's
/// SHA-256/MGF1-SHA-1 combination needs this hand-written decoder over a raw RSA operation.
/// </summary>
internal static class OaepDecoder
{
    private const int LabelHashLength = 32;

    /// <summary>Decrypts <paramref name="ciphertext"/>; returns null when it is not a valid OAEP block.</summary>
    public static byte[]? Decrypt(RSAParameters key, ReadOnlySpan<byte> ciphertext, HashAlgorithmName mgf1Hash)
    {
        if (key.Modulus is null || key.D is null)
        {
            return null;
        }

        int k = key.Modulus.Length;
        if (ciphertext.Length != k || k < (2 * LabelHashLength) + 2)
        {
            return null;
        }

        byte[]? encoded = RawDecrypt(key, ciphertext, k);
        return encoded is null ? null : Decode(encoded, mgf1Hash);
    }

    private static byte[]? RawDecrypt(RSAParameters key, ReadOnlySpan<byte> ciphertext, int k)
    {
        var n = ToBigInteger(key.Modulus!);
        var c = ToBigInteger(ciphertext);
        if (c >= n)
        {
            return null;
        }

        BigInteger m;
        if (key.P is not null && key.Q is not null && key.DP is not null && key.DQ is not null && key.InverseQ is not null)
        {
            // Chinese remainder theorem: about four times faster than a full-size exponentiation.
            var p = ToBigInteger(key.P);
            var q = ToBigInteger(key.Q);
            var m1 = BigInteger.ModPow(c % p, ToBigInteger(key.DP), p);
            var m2 = BigInteger.ModPow(c % q, ToBigInteger(key.DQ), q);
            var h = ToBigInteger(key.InverseQ) * (m1 - m2) % p;
            if (h.Sign < 0)
            {
                h += p;
            }

            m = m2 + (h * q);
        }
        else
        {
            m = BigInteger.ModPow(c, ToBigInteger(key.D!), n);
        }

        byte[] raw = m.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (raw.Length > k)
        {
            return null;
        }

        var result = new byte[k];
        raw.CopyTo(result, k - raw.Length);
        return result;
    }

    private static byte[]? Decode(byte[] encoded, HashAlgorithmName mgf1Hash)
    {
        int k = encoded.Length;
        var maskedSeed = encoded.AsSpan(1, LabelHashLength);
        var maskedDb = encoded.AsSpan(1 + LabelHashLength);

        byte[] seed = Mgf1(maskedDb, LabelHashLength, mgf1Hash);
        Xor(seed, maskedSeed);
        byte[] db = Mgf1(seed, k - LabelHashLength - 1, mgf1Hash);
        Xor(db, maskedDb);

        byte[] emptyLabelHash = SHA256.HashData(ReadOnlySpan<byte>.Empty);
        bool valid = encoded[0] == 0 && db.AsSpan(0, LabelHashLength).SequenceEqual(emptyLabelHash);

        int separator = -1;
        for (int i = LabelHashLength; i < db.Length; i++)
        {
            if (db[i] == 0x01)
            {
                separator = i;
                break;
            }

            if (db[i] != 0x00)
            {
                break;
            }
        }

        if (!valid || separator < 0)
        {
            return null;
        }

        return db.AsSpan(separator + 1).ToArray();
    }

    private static byte[] Mgf1(ReadOnlySpan<byte> seed, int length, HashAlgorithmName hash)
    {
        var output = new byte[length];
        var input = new byte[seed.Length + 4];
        seed.CopyTo(input);
        int written = 0;
        for (uint counter = 0; written < length; counter++)
        {
            input[seed.Length] = (byte)(counter >> 24);
            input[seed.Length + 1] = (byte)(counter >> 16);
            input[seed.Length + 2] = (byte)(counter >> 8);
            input[seed.Length + 3] = (byte)counter;
            byte[] block = Hash(hash, input);
            int take = Math.Min(block.Length, length - written);
            block.AsSpan(0, take).CopyTo(output.AsSpan(written));
            written += take;
        }

        return output;
    }

    private static byte[] Hash(HashAlgorithmName hash, byte[] data)
    {
        if (hash == HashAlgorithmName.SHA1)
        {
            return SHA1.HashData(data);
        }

        if (hash == HashAlgorithmName.SHA256)
        {
            return SHA256.HashData(data);
        }

        throw new ArgumentOutOfRangeException(nameof(hash), hash.Name, "Only SHA-1 and SHA-256 are supported for MGF1.");
    }

    private static void Xor(Span<byte> target, ReadOnlySpan<byte> mask)
    {
        for (int i = 0; i < target.Length; i++)
        {
            target[i] ^= mask[i];
        }
    }

    private static BigInteger ToBigInteger(ReadOnlySpan<byte> bigEndian) => new(bigEndian, isUnsigned: true, isBigEndian: true);
}
