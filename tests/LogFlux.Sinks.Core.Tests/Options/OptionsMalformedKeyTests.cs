namespace LogFlux.Sinks.Core.Tests.Options;

/// <summary>A key that is set but malformed is reported as malformed, never as missing.</summary>
public sealed class OptionsMalformedKeyTests
{
    [Test]
    public void A_malformed_LOGFLUX_API_KEY_is_reported_as_malformed_not_as_required()
    {
        var options = new LogFluxOptions();
        options.ApplyEnvironmentDefaults(name => name == "LOGFLUX_API_KEY" ? "garbage" : null);

        var error = Assert.Throws<LogFluxConfigurationException>(options.Validate);

        Assert.That(error!.Message, Does.Contain("LOGFLUX_API_KEY is set but malformed").And.Contain("<region>-lf_<key>").And.Not.Contain("required"));
        Assert.That(error.Message, Does.Not.Contain("garbage"));
    }

    [Test]
    public void A_missing_key_is_reported_as_required()
    {
        var options = new LogFluxOptions();
        options.ApplyEnvironmentDefaults(_ => null);

        var error = Assert.Throws<LogFluxConfigurationException>(options.Validate);

        Assert.That(error!.Message, Is.EqualTo("API key is required"));
    }
}
