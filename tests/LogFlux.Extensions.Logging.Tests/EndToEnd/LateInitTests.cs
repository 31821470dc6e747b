using LogFlux.Extensions.Logging.Tests.Support;
using LogFlux.Sinks;
using Microsoft.Extensions.Logging;

namespace LogFlux.Extensions.Logging.Tests.EndToEnd;

/// <summary>A provider configured without an API key before <c>LogFluxSdk.Init</c> runs sends through the Init client from then on.</summary>
[NonParallelizable] // LogFluxSdk and the environment are process-wide.
public sealed class LateInitTests : ReceiverTestBase
{
    private string? _environmentKey;

    [SetUp]
    public void ClearEnvironmentKey()
    {
        _environmentKey = Environment.GetEnvironmentVariable("LOGFLUX_API_KEY");
        Environment.SetEnvironmentVariable("LOGFLUX_API_KEY", null);
    }

    [TearDown]
    public async Task CloseInitClient()
    {
        await LogFluxSdk.CloseAsync();
        Environment.SetEnvironmentVariable("LOGFLUX_API_KEY", _environmentKey);
    }

    [Test]
    public async Task The_Init_client_is_picked_up_by_the_first_event_after_Init_and_none_after_it_is_lost()
    {
        using var provider = new LogFluxLoggerProvider(new LogFluxLoggerOptions());
        var logger = provider.CreateLogger("Late");
        logger.LogInformation("before init");

        LogFluxSdk.Init(new LogFluxOptions { ApiKey = ApiKey, CustomEndpointUrl = Server.BaseUrl, KeyPersistence = false, Source = "mel-tests" });
        for (var i = 0; i < 20; i++) logger.LogInformation("after init {Index}", i);

        Assert.That(await LogFluxSdk.FlushAsync(Wait), Is.True);
        Assert.That(Received().Count(e => e.Message?.StartsWith("after init", StringComparison.Ordinal) == true), Is.EqualTo(20));
        Assert.That(provider.DroppedWithoutClient, Is.EqualTo(1), "only the event before Init was dropped");
    }
}
