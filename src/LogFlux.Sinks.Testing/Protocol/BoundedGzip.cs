using System.Buffers.Binary;
using System.IO.Compression;

namespace LogFlux.Sinks.Testing.Protocol;

/// <summary>gzip detection and decompression with an output cap.</summary>
internal static class BoundedGzip
{
    public const int MaxDecompressedBytes = 10 * 1024 * 1024;

    // 10-byte header + 8-byte trailer (CRC32, ISIZE).
    private const int MinimumMemberLength = 18;

    public static bool HasMagic(ReadOnlySpan<byte> data) => data.Length >= 2 && data[0] == 0x1f && data[1] == 0x8b;

    /// <summary>
    /// Decompresses one gzip member; returns null and an error text when the data is invalid, truncated
    /// (checked through the ISIZE trailer, since the platform stream stops silently at a cut) or too large.
    /// </summary>
    public static byte[]? TryDecompress(byte[] data, out string? error)
    {
        error = null;
        if (data.Length < MinimumMemberLength)
        {
            error = "invalid gzip data";
            return null;
        }

        try
        {
            using var input = new MemoryStream(data, writable: false);
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = gzip.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > MaxDecompressedBytes)
                {
                    error = "decompressed payload exceeds 10 MiB";
                    return null;
                }

                output.Write(buffer, 0, read);
            }

            uint declaredSize = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(data.Length - 4));
            if (declaredSize != unchecked((uint)output.Length))
            {
                error = "invalid gzip data (truncated, or more than one gzip member)";
                return null;
            }

            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            error = "invalid gzip data";
            return null;
        }
    }
}
