using LogFlux.Sinks;
using Microsoft.Extensions.Logging;

namespace LogFlux.Extensions.Logging.Tests.Configuration;

public sealed class InvalidOptionsTests
{
    [Test]
    public void Options_that_fail_validation_leave_the_provider_without_a_client_and_logging_never_throws()
    {
        var options = new LogFluxLoggerOptions();
        options.ClientOptions.ApiKey = "eu-lf_valid-form-key";
        options.ClientOptions.BatchSize = 0;
        using var provider = new LogFluxLoggerProvider(options);
        var logger = provider.CreateLogger("Orders");

        Assert.DoesNotThrow(() =>
        {
            logger.LogInformation("dropped {Index}", 1);
            logger.LogError(new InvalidOperationException("boom"), "dropped too");
        });
        Assert.That(provider.DroppedWithoutClient, Is.EqualTo(2));
        Assert.That(provider.GetStats(), Is.Null);
    }

    [Test]
    public void IsEnabled_rejects_None_and_the_providers_own_category()
    {
        var options = new LogFluxLoggerOptions();
        options.ClientOptions.ApiKey = "eu-lf_valid-form-key";
        options.ClientOptions.BatchSize = 0;
        using var provider = new LogFluxLoggerProvider(options);
        var logger = provider.CreateLogger("Orders");
        Assert.Multiple(() =>
        {
            Assert.That(logger.IsEnabled(LogLevel.Trace), Is.True);
            Assert.That(logger.IsEnabled(LogLevel.None), Is.False);
            Assert.That(provider.CreateLogger(LogFluxLoggerProvider.DiagnosticsCategory).IsEnabled(LogLevel.Error), Is.False, "the provider's own category is never sent");
        });
    }
}
