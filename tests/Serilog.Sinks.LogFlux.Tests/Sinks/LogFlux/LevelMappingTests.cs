using LogFlux.Sinks;
using Serilog.Events;

namespace Serilog.Sinks.LogFlux.Tests.Sinks.LogFlux;

[TestFixture]
public sealed class LevelMappingTests
{
    [TestCase(LogEventLevel.Verbose, LogFluxLevel.Debug)]
    [TestCase(LogEventLevel.Debug, LogFluxLevel.Debug)]
    [TestCase(LogEventLevel.Information, LogFluxLevel.Info)]
    [TestCase(LogEventLevel.Warning, LogFluxLevel.Warning)]
    [TestCase(LogEventLevel.Error, LogFluxLevel.Error)]
    [TestCase(LogEventLevel.Fatal, LogFluxLevel.Critical)]
    public void Default_mapping_follows_protocol_7_2(LogEventLevel serilog, LogFluxLevel expected)
        => Assert.That(LevelMapping.Default.Map(serilog), Is.EqualTo(expected));

    [Test]
    public void Overrides_accept_names_numbers_and_either_separator()
    {
        Assert.That(LevelMapping.TryParse(" information = notice ; Fatal=1, Debug=Info", out var mapping, out var error), Is.True, error);
        Assert.That(mapping.Map(LogEventLevel.Information), Is.EqualTo(LogFluxLevel.Notice));
        Assert.That(mapping.Map(LogEventLevel.Fatal), Is.EqualTo(LogFluxLevel.Emergency));
        Assert.That(mapping.Map(LogEventLevel.Debug), Is.EqualTo(LogFluxLevel.Info));
        Assert.That(mapping.Map(LogEventLevel.Warning), Is.EqualTo(LogFluxLevel.Warning), "levels not named keep the default");
    }

    [TestCase("Informational=Info", "Serilog level")]
    [TestCase("Information=9", "LogFlux level")]
    [TestCase("Information", "Serilog level")]
    [TestCase("3=Info", "Serilog level")]
    public void Invalid_overrides_are_rejected_with_a_reason(string text, string reason)
    {
        Assert.That(LevelMapping.TryParse(text, out var mapping, out var error), Is.False);
        Assert.That(error, Does.Contain(reason));
        Assert.That(mapping, Is.SameAs(LevelMapping.Default));
    }
}
