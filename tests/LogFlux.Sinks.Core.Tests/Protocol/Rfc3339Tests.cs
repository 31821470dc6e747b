using System.Text;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Core.Tests.Protocol;

public class Rfc3339Tests
{
    [Test]
    public void Format_WritesUtcWithThreeDigits()
    {
        var value = new DateTimeOffset(2026, 1, 15, 10, 30, 0, 123, TimeSpan.Zero);
        Assert.That(Rfc3339.Format(value), Is.EqualTo("2026-01-15T10:30:00.123Z"));
    }

    [Test]
    public void Format_ConvertsOffsetsToUtc()
    {
        var value = new DateTimeOffset(2026, 1, 15, 12, 30, 0, 5, TimeSpan.FromHours(2));
        Assert.That(Rfc3339.Format(value), Is.EqualTo("2026-01-15T10:30:00.005Z"));
    }

    [Test]
    public void Format_TruncatesSubMilliseconds()
    {
        var value = new DateTimeOffset(2026, 12, 31, 23, 59, 59, 999, TimeSpan.Zero).AddTicks(9999);
        Assert.That(Rfc3339.Format(value), Is.EqualTo("2026-12-31T23:59:59.999Z"));
    }

    [Test]
    public void Format_ZeroFractionStillHasThreeDigits()
    {
        Assert.That(Rfc3339.Format(new DateTimeOffset(2001, 2, 3, 4, 5, 6, TimeSpan.Zero)), Is.EqualTo("2001-02-03T04:05:06.000Z"));
    }

    [Test]
    public void FormatUtf8_Writes24BytesEqualToTheString()
    {
        var value = new DateTimeOffset(2026, 1, 15, 10, 30, 0, 456, TimeSpan.Zero);
        Span<byte> buffer = stackalloc byte[30];
        int written = Rfc3339.Format(value, buffer);
        Assert.That(written, Is.EqualTo(24));
        Assert.That(Encoding.ASCII.GetString(buffer[..written]), Is.EqualTo(Rfc3339.Format(value)));
    }

    [Test]
    public void FormatUtf8_RejectsShortDestination()
    {
        Assert.Throws<ArgumentException>(() => Rfc3339.Format(DateTimeOffset.UnixEpoch, new byte[23]));
    }

    [Test]
    public void Format_RoundTripsThroughParse()
    {
        var value = new DateTimeOffset(1999, 7, 8, 9, 10, 11, 12, TimeSpan.FromHours(-5));
        var parsed = DateTimeOffset.Parse(Rfc3339.Format(value), System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(parsed, Is.EqualTo(value));
    }
}
