using LogFlux.Sinks;
using NLog.Targets.LogFlux.Internal;

namespace NLog.Targets.LogFlux.Tests.Internal;

public sealed class OptionTextTests
{
    [TestCase("5s", 5000)]
    [TestCase("250ms", 250)]
    [TestCase("2m", 120_000)]
    [TestCase("1h", 3_600_000)]
    [TestCase("1.5", 1500)]
    [TestCase("00:00:05", 5000)]
    [TestCase("00:00:00.100", 100)]
    public void Durations_accept_units_timespans_and_seconds(string text, double milliseconds)
    {
        Assert.That(OptionText.TryParseDuration(text, out var value, out _), Is.True);
        Assert.That(value.TotalMilliseconds, Is.EqualTo(milliseconds));
    }

    [TestCase("soon")]
    [TestCase("5 parsecs")]
    [TestCase("NaNs")]
    public void Bad_durations_are_rejected_with_a_hint(string text)
    {
        Assert.That(OptionText.TryParseDuration(text, out _, out var error), Is.False);
        Assert.That(error, Does.Contain("5s"));
    }

    [TestCase("true", true)]
    [TestCase("ON", true)]
    [TestCase("yes", true)]
    [TestCase("1", true)]
    [TestCase("false", false)]
    [TestCase("off", false)]
    [TestCase("0", false)]
    public void Booleans_accept_the_common_spellings(string text, bool expected)
    {
        Assert.That(OptionText.TryParseBool(text, out var value, out _), Is.True);
        Assert.That(value, Is.EqualTo(expected));
    }

    [TestCase("Warning", LogFluxLevel.Warning)]
    [TestCase("warn", LogFluxLevel.Warning)]
    [TestCase("information", LogFluxLevel.Info)]
    [TestCase("3", LogFluxLevel.Critical)]
    public void Levels_accept_names_and_numbers(string text, LogFluxLevel expected)
    {
        Assert.That(OptionText.TryParseLevel(text, out var value, out _), Is.True);
        Assert.That(value, Is.EqualTo(expected));
    }

    [TestCase("9")]
    [TestCase("0")]
    [TestCase("loud")]
    public void Unknown_levels_are_rejected(string text)
        => Assert.That(OptionText.TryParseLevel(text, out _, out _), Is.False);

    [Test]
    public void Numbers_use_the_invariant_culture()
    {
        Assert.That(OptionText.TryParseDouble("0.25", out var rate, out _), Is.True);
        Assert.That(rate, Is.EqualTo(0.25));
        Assert.That(OptionText.TryParseInt("1,000", out _, out _), Is.False);
    }
}
