using LogFlux.Extensions.Logging.Internal;
using LogFlux.Sinks;
using Microsoft.Extensions.Logging;

namespace LogFlux.Extensions.Logging.Tests.Mapping;

public sealed class MelLevelMapTests
{
    [TestCase(LogLevel.Trace, LogFluxLevel.Debug)]
    [TestCase(LogLevel.Debug, LogFluxLevel.Debug)]
    [TestCase(LogLevel.Information, LogFluxLevel.Info)]
    [TestCase(LogLevel.Warning, LogFluxLevel.Warning)]
    [TestCase(LogLevel.Error, LogFluxLevel.Error)]
    [TestCase(LogLevel.Critical, LogFluxLevel.Critical)]
    public void The_default_table_maps_each_level(LogLevel level, LogFluxLevel expected) =>
        Assert.That(new MelLevelMap().Map(level), Is.EqualTo(expected));

    [Test]
    public void None_is_never_sent() => Assert.That(new MelLevelMap().Map(LogLevel.None), Is.Null);

    [Test]
    public void A_mapping_overrides_single_levels()
    {
        var map = MelLevelMap.Parse("Critical=Emergency; information=Notice", out var error);
        Assert.That(error, Is.Null);
        Assert.That(map!.Map(LogLevel.Critical), Is.EqualTo(LogFluxLevel.Emergency));
        Assert.That(map.Map(LogLevel.Information), Is.EqualTo(LogFluxLevel.Notice));
        Assert.That(map.Map(LogLevel.Warning), Is.EqualTo(LogFluxLevel.Warning));
    }

    [TestCase("Fatal=Error", "is not a Microsoft.Extensions.Logging level")]
    [TestCase("3=Error", "is not a Microsoft.Extensions.Logging level")]
    [TestCase("None=Error", "None level is never sent")]
    [TestCase("Error=Loud", "is not a LogFlux level")]
    [TestCase("Error", "is not of the form")]
    public void A_bad_mapping_is_explained(string text, string expected)
    {
        Assert.That(MelLevelMap.Parse(text, out var error), Is.Null);
        Assert.That(error, Does.Contain(expected));
    }
}
