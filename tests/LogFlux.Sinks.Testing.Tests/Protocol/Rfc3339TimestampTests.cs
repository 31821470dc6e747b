using LogFlux.Sinks.Testing.Protocol;

namespace LogFlux.Sinks.Testing.Tests.Protocol;

public class Rfc3339TimestampTests
{
    [TestCase("2026-01-15T10:30:00Z", 0L)]
    [TestCase("2026-01-15T10:30:00.1Z", 1_000_000L)]
    [TestCase("2026-01-15T10:30:00.123Z", 1_230_000L)]
    [TestCase("2026-01-15T10:30:00.123456789Z", 1_234_567L)]
    public void Accepts_UTC_with_0_to_9_fraction_digits(string text, long fractionTicks)
    {
        Assert.That(Rfc3339Timestamp.TryParseUtc(text, out var value), Is.True);
        Assert.That(value, Is.EqualTo(new DateTimeOffset(2026, 1, 15, 10, 30, 0, TimeSpan.Zero).AddTicks(fractionTicks)));
    }

    [TestCase("2026-01-15T10:30:00.123")]
    [TestCase("2026-01-15T10:30:00.123+00:00")]
    [TestCase("2026-01-15 10:30:00Z")]
    [TestCase("2026-01-15T10:30:00.Z")]
    [TestCase("2026-01-15T10:30:00.1234567890Z")]
    [TestCase("2026-13-15T10:30:00Z")]
    [TestCase("2026-02-30T10:30:00Z")]
    [TestCase("2026-01-15T24:00:00Z")]
    [TestCase("2026-1-15T10:30:00Z")]
    [TestCase("")]
    [TestCase(null)]
    public void Rejects_everything_else(string? text)
    {
        Assert.That(Rfc3339Timestamp.TryParseUtc(text, out _), Is.False);
    }
}
