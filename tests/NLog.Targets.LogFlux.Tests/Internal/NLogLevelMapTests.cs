using LogFlux.Sinks;
using NLog.Targets.LogFlux.Internal;

namespace NLog.Targets.LogFlux.Tests.Internal;

public sealed class NLogLevelMapTests
{
    [Test]
    public void The_default_mapping_follows_the_protocol()
    {
        var map = new NLogLevelMap();

        Assert.That(map.Map(LogLevel.Trace), Is.EqualTo(LogFluxLevel.Debug));
        Assert.That(map.Map(LogLevel.Debug), Is.EqualTo(LogFluxLevel.Debug));
        Assert.That(map.Map(LogLevel.Info), Is.EqualTo(LogFluxLevel.Info));
        Assert.That(map.Map(LogLevel.Warn), Is.EqualTo(LogFluxLevel.Warning));
        Assert.That(map.Map(LogLevel.Error), Is.EqualTo(LogFluxLevel.Error));
        Assert.That(map.Map(LogLevel.Fatal), Is.EqualTo(LogFluxLevel.Critical));
        Assert.That(map.Map(LogLevel.Off), Is.Null);
    }

    [Test]
    public void Overrides_replace_single_levels()
    {
        var map = NLogLevelMap.Parse("Fatal=Emergency; trace = 7", out var error);

        Assert.That(error, Is.Null);
        Assert.That(map!.Map(LogLevel.Fatal), Is.EqualTo(LogFluxLevel.Emergency));
        Assert.That(map.Map(LogLevel.Trace), Is.EqualTo(LogFluxLevel.Info));
        Assert.That(map.Map(LogLevel.Error), Is.EqualTo(LogFluxLevel.Error));
    }

    [TestCase("Fatal", "NLogLevel=LogFluxLevel")]
    [TestCase("Loud=Error", "not an NLog level")]
    [TestCase("Off=Error", "Off")]
    [TestCase("Error=Severe", "LogFlux level")]
    public void Malformed_overrides_are_explained(string text, string expected)
    {
        Assert.That(NLogLevelMap.Parse(text, out var error), Is.Null);
        Assert.That(error, Does.Contain(expected));
    }
}
