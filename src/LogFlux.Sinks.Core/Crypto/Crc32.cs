using System.Buffers.Binary;

namespace LogFlux.Sinks.Crypto;

/// <summary>
/// CRC-32 as used by gzip (IEEE 802.3, reflected polynomial 0xEDB88320). Where the CPU multiplies carry-less, runs
/// of 64 bytes and more are folded 16 bytes at a time (<see cref="CarrylessCrc32"/>); the tail, short inputs and
/// other CPUs go through a slicing-by-8 table.
/// </summary>
internal static class Crc32
{
    private const uint Polynomial = 0xEDB88320u;
    private static readonly uint[] s_table = CreateTable();

    /// <summary>CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues a CRC-32 (<paramref name="crc"/> from a previous call, 0 to start).</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        uint state = ~crc;
        if (CarrylessCrc32.IsSupported && data.Length >= CarrylessCrc32.MinimumLength)
        {
            int folded = data.Length & ~15;
            state = CarrylessCrc32.Fold(state, data[..folded]);
            data = data[folded..];
        }
        return ~Slices(state, data);
    }

    /// <summary>The table-driven CRC alone: the reference the folded path is tested against.</summary>
    internal static uint AppendWithTable(uint crc, ReadOnlySpan<byte> data) => ~Slices(~crc, data);

    private static uint Slices(uint state, ReadOnlySpan<byte> data)
    {
        var t = s_table;
        uint c = state;
        while (data.Length >= 8)
        {
            uint one = BinaryPrimitives.ReadUInt32LittleEndian(data) ^ c;
            uint two = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            c = t[(7 * 256) + (one & 0xFF)] ^ t[(6 * 256) + ((one >> 8) & 0xFF)]
              ^ t[(5 * 256) + ((one >> 16) & 0xFF)] ^ t[(4 * 256) + (one >> 24)]
              ^ t[(3 * 256) + (two & 0xFF)] ^ t[(2 * 256) + ((two >> 8) & 0xFF)]
              ^ t[256 + ((two >> 16) & 0xFF)] ^ t[two >> 24];
            data = data[8..];
        }
        foreach (byte b in data) c = t[(c ^ b) & 0xFF] ^ (c >> 8);
        return c;
    }

    private static uint[] CreateTable()
    {
        var table = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? Polynomial ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        for (int i = 0; i < 256; i++)
        {
            for (int slice = 1; slice < 8; slice++)
            {
                uint previous = table[((slice - 1) * 256) + i];
                table[(slice * 256) + i] = table[previous & 0xFF] ^ (previous >> 8);
            }
        }
        return table;
    }
}
