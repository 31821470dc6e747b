namespace LogFlux.Sinks.Core.Tests.Adapters;

public class LogFluxLevelsTextTests
{
    [TestCase("Emergency", LogFluxLevel.Emergency)]
    [TestCase("emerg", LogFluxLevel.Emergency)]
    [TestCase("CRIT", LogFluxLevel.Critical)]
    [TestCase(" err ", LogFluxLevel.Error)]
    [TestCase("warn", LogFluxLevel.Warning)]
    [TestCase("Notice", LogFluxLevel.Notice)]
    [TestCase("information", LogFluxLevel.Info)]
    [TestCase("trace", LogFluxLevel.Debug)]
    [TestCase("1", LogFluxLevel.Emergency)]
    [TestCase("8", LogFluxLevel.Debug)]
    public void NamesAliasesAndNumbersAreLevels(string text, LogFluxLevel expected)
    {
        Assert.That(LogFluxLevels.TryParse(text, out var level), Is.True);
        Assert.That(level, Is.EqualTo(expected));
    }

    [TestCase("0")]
    [TestCase("9")]
    [TestCase("loud")]
    [TestCase("Info, Debug")]
    [TestCase("")]
    [TestCase(null)]
    public void OtherTextIsNoLevel(string? text)
    {
        Assert.That(LogFluxLevels.TryParse(text, out var level), Is.False);
        Assert.That((int)level, Is.Zero);
    }

    [Test]
    public void MappingPairsAreSplitOnEitherSeparatorAndTrimmed()
    {
        Assert.That(LogFluxLevels.TryParseMapping(" Fatal = Emergency ; trace=7, Info=notice ", "NLog", out var pairs, out var error), Is.True, error);

        Assert.That(pairs, Is.EqualTo(new[]
        {
            new KeyValuePair<string, LogFluxLevel>("Fatal", LogFluxLevel.Emergency),
            new KeyValuePair<string, LogFluxLevel>("trace", LogFluxLevel.Info),
            new KeyValuePair<string, LogFluxLevel>("Info", LogFluxLevel.Notice),
        }));
        Assert.That(error, Is.Null);
    }

    [TestCase(null)]
    [TestCase("  ")]
    public void BlankMappingHasNoPairs(string? text)
    {
        Assert.That(LogFluxLevels.TryParseMapping(text, "Serilog", out var pairs, out var error), Is.True);
        Assert.That(pairs, Is.Empty);
        Assert.That(error, Is.Null);
    }

    [TestCase("Fatal", "'Fatal' is not of the form NLogLevel=LogFluxLevel")]
    [TestCase("=Info", "is not of the form NLogLevel=LogFluxLevel")]
    [TestCase("Fatal=Error=Info", "is not of the form NLogLevel=LogFluxLevel")]
    [TestCase("Error=Severe", "'Severe' is not a LogFlux level")]
    [TestCase("Info=Notice; Error=9", "'9' is not a LogFlux level")]
    public void MalformedPairsAreExplained(string text, string expected)
    {
        Assert.That(LogFluxLevels.TryParseMapping(text, "NLog", out var pairs, out var error), Is.False);
        Assert.That(error, Does.Contain(expected));
        Assert.That(pairs, Is.Empty);
    }
}
