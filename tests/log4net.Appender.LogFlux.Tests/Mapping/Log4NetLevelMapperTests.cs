using log4net.Appender.LogFlux.Mapping;
using log4net.Core;
using LogFlux.Sinks;

namespace log4net.Appender.LogFlux.Tests.Mapping;

public sealed class Log4NetLevelMapperTests
{
    [TestCase(int.MaxValue - 1, LogFluxLevel.Emergency)]
    [TestCase(120_000, LogFluxLevel.Emergency)]
    [TestCase(119_999, LogFluxLevel.Alert)]
    [TestCase(100_000, LogFluxLevel.Alert)]
    [TestCase(99_999, LogFluxLevel.Critical)]
    [TestCase(80_000, LogFluxLevel.Critical)]
    [TestCase(79_999, LogFluxLevel.Error)]
    [TestCase(70_000, LogFluxLevel.Error)]
    [TestCase(60_000, LogFluxLevel.Warning)]
    [TestCase(50_000, LogFluxLevel.Notice)]
    [TestCase(49_999, LogFluxLevel.Info)]
    [TestCase(40_000, LogFluxLevel.Info)]
    [TestCase(39_999, LogFluxLevel.Debug)]
    [TestCase(int.MinValue, LogFluxLevel.Debug)]
    public void ThresholdRule_MatchesProtocol(int value, LogFluxLevel expected)
    {
        var mapper = new Log4NetLevelMapper();

        Assert.That(mapper.TryMap(new Level(value, "L" + value), out var mapped), Is.True);
        Assert.That(mapped, Is.EqualTo(expected));
    }

    [Test]
    public void Off_IsNeverMapped()
    {
        Assert.That(new Log4NetLevelMapper().TryMap(Level.Off, out _), Is.False);
    }

    [Test]
    public void MissingLevel_IsTreatedAsAll()
    {
        Assert.That(new Log4NetLevelMapper().TryMap(null, out var mapped), Is.True);
        Assert.That(mapped, Is.EqualTo(LogFluxLevel.Debug));
    }

    [Test]
    public void Overrides_ApplyToTheExactValueOnly()
    {
        var mapper = new Log4NetLevelMapper([new(Level.Notice.Value, LogFluxLevel.Info)]);

        Assert.That(mapper.TryMap(Level.Notice, out var notice), Is.True);
        Assert.That(mapper.TryMap(new Level(Level.Notice.Value + 1, "NOTICE+"), out var above), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(notice, Is.EqualTo(LogFluxLevel.Info));
            Assert.That(above, Is.EqualTo(LogFluxLevel.Notice));
        });
    }
}
