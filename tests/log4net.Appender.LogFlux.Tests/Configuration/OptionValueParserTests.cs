using log4net.Appender.LogFlux.Configuration;
using LogFlux.Sinks;

namespace log4net.Appender.LogFlux.Tests.Configuration;

public sealed class OptionValueParserTests
{
    [TestCase("500ms", 500)]
    [TestCase("5s", 5_000)]
    [TestCase("1.5", 1_500)]
    [TestCase("2m", 120_000)]
    [TestCase("1h", 3_600_000)]
    [TestCase("00:00:05", 5_000)]
    [TestCase("00:00:00.250", 250)]
    [TestCase(" 10 S ", 10_000)]
    public void Durations_AcceptUnitsPlainSecondsAndTimeSpans(string text, double expectedMs)
    {
        var parser = new OptionValueParser();

        Assert.That(parser.TryDuration("FlushInterval", text, out var value), Is.True);
        Assert.That(value.TotalMilliseconds, Is.EqualTo(expectedMs).Within(0.001));
        Assert.That(parser.Problems, Is.Empty);
    }

    [TestCase("soon")]
    [TestCase("5 weeks")]
    [TestCase("-1s")]
    [TestCase("1e300h")]
    public void InvalidDurations_AreReportedWithTheOptionName(string text)
    {
        var parser = new OptionValueParser();

        Assert.That(parser.TryDuration("FlushInterval", text, out _), Is.False);
        Assert.That(parser.Problems, Has.Count.EqualTo(1).And.Some.StartsWith($"FlushInterval: '{text}'"));
    }

    [TestCase("true", true)]
    [TestCase("FALSE", false)]
    [TestCase("yes", true)]
    [TestCase("off", false)]
    [TestCase("1", true)]
    public void Booleans_AcceptCommonSpellings(string text, bool expected)
    {
        var parser = new OptionValueParser();

        Assert.That(parser.TryBool("Debug", text, out var value), Is.True);
        Assert.That(value, Is.EqualTo(expected));
    }

    [TestCase("4MB", 4L * 1024 * 1024)]
    [TestCase("64 KB", 64L * 1024)]
    [TestCase("1000000", 1_000_000)]
    public void Sizes_AcceptSuffixes(string text, long expected)
    {
        var parser = new OptionValueParser();

        Assert.That(parser.TryLong("QueueMaxBytes", text, 1, out var value), Is.True);
        Assert.That(value, Is.EqualTo(expected));
    }

    [Test]
    public void Numbers_UseTheInvariantCulture()
    {
        var parser = new OptionValueParser();

        Assert.That(parser.TryDouble("SampleRate", "0.25", out var rate), Is.True);
        Assert.That(rate, Is.EqualTo(0.25));
        Assert.That(parser.TryDouble("SampleRate", "0,25", out _), Is.False);
        Assert.That(parser.TryInt("BatchSize", "0", 1, out _), Is.False);
        Assert.That(parser.Problems, Has.Count.EqualTo(2));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void UnsetValues_AreNeitherParsedNorReported(string? text)
    {
        var parser = new OptionValueParser();

        Assert.That(parser.TryInt("BatchSize", text, 1, out _), Is.False);
        Assert.That(parser.Problems, Is.Empty);
    }

    [TestCase("warning", LogFluxLevel.Warning)]
    [TestCase("Warn", LogFluxLevel.Warning)]
    [TestCase("INFO", LogFluxLevel.Info)]
    [TestCase("6", LogFluxLevel.Notice)]
    public void Levels_AcceptNamesAndNumbers(string text, LogFluxLevel expected)
    {
        var parser = new OptionValueParser();

        Assert.That(parser.TryLevel("MinimumBreadcrumbLevel", text, out var level), Is.True);
        Assert.That(level, Is.EqualTo(expected));
    }

    [TestCase("9")]
    [TestCase("loud")]
    public void InvalidLevels_AreReported(string text)
    {
        var parser = new OptionValueParser();

        Assert.That(parser.TryLevel("MinimumBreadcrumbLevel", text, out _), Is.False);
        Assert.That(parser.Problems, Has.Some.Contains("is not a LogFlux level"));
    }
}
