using System.Text;
using LogFlux.Sinks.Crypto;

namespace LogFlux.Sinks.Core.Tests.Crypto;

public class Crc32Tests
{
    [Test]
    public void The_check_value_of_the_gzip_crc_is_produced()
    {
        Assert.That(Crc32.Compute(Encoding.ASCII.GetBytes("123456789")), Is.EqualTo(0xCBF43926u));
        Assert.That(Crc32.AppendWithTable(0, Encoding.ASCII.GetBytes("123456789")), Is.EqualTo(0xCBF43926u));
    }

    [Test]
    public void Folded_and_table_results_agree_for_every_length_and_start_value()
    {
        var random = new Random(20261126);
        var data = new byte[4096 + 15];
        random.NextBytes(data);
        for (int length = 0; length <= 1100; length++)
        {
            uint start = (uint)random.Next() ^ ((uint)random.Next() << 16);
            var slice = data.AsSpan(length % 13, length);
            Assert.That(Crc32.Append(start, slice), Is.EqualTo(Crc32.AppendWithTable(start, slice)), $"length {length}");
        }
        Assert.That(Crc32.Compute(data), Is.EqualTo(Crc32.AppendWithTable(0, data)));
    }

    [Test]
    public void A_crc_continued_over_pieces_equals_the_crc_of_the_whole()
    {
        var data = new byte[777];
        new Random(7).NextBytes(data);
        uint pieces = Crc32.Append(Crc32.Append(Crc32.Append(0, data.AsSpan(0, 100)), data.AsSpan(100, 300)), data.AsSpan(400));
        Assert.That(pieces, Is.EqualTo(Crc32.Compute(data)));
    }

    [Test]
    public void Folding_a_block_matches_the_table_or_is_refused_without_the_instruction()
    {
        // The x64 CI machines have PCLMULQDQ; elsewhere the table path alone is correct and this documents why.
        if (!CarrylessCrc32.IsSupported)
        {
            Assert.That(() => CarrylessCrc32.Fold(0, new byte[64]), Throws.ArgumentException);
            return;
        }
        var block = new byte[64];
        Assert.That(~CarrylessCrc32.Fold(~0u, block), Is.EqualTo(Crc32.AppendWithTable(0, block)));
    }
}
