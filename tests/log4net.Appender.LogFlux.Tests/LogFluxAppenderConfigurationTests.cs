using log4net.Appender.LogFlux.Tests.Support;
using LogFlux.Sinks;

namespace log4net.Appender.LogFlux.Tests;

/// <summary>XML configuration: bad values are reported clearly through LogLog, logging keeps working, the environment fills gaps.</summary>
public sealed class LogFluxAppenderConfigurationTests : ReceiverFixture
{
    [Test]
    public void MalformedApiKey_IsReportedThroughLogLog_AndLoggingKeepsWorking()
    {
        using var env = EnvironmentScope.WithoutLogFluxVariables();
        using var capture = new LogLogCapture();
        using var harness = Log4NetHarness.StartRaw($"""<apiKey value="xx-lf_secret123" /><customEndpointUrl value="{Server.BaseUrl}" />""");
        var log = harness.Logger("Bad");

        Assert.DoesNotThrow(() =>
        {
            log.Info("one");
            log.Error("two", new InvalidOperationException("boom"));
            log.Counter("three");
        });

        Assert.Multiple(() =>
        {
            Assert.That(capture.Messages, Has.Some.Contains("LogFluxAppender [LogFlux]").And.Contains("Invalid API key region: \"xx\""));
            Assert.That(capture.Messages, Has.None.Contains("secret123"));
            Assert.That(harness.Appender.IsActive, Is.False);
            Assert.That(harness.Appender.NoClientDropCount, Is.EqualTo(3));
        });
    }

    [Test]
    public void MissingApiKey_WithoutLogFluxInit_IsReportedOnce_AndDropsAreCounted()
    {
        using var env = EnvironmentScope.WithoutLogFluxVariables();
        using var capture = new LogLogCapture();
        using var harness = Log4NetHarness.StartRaw("""<apiKey value="${LOGFLUX_TEST_UNSET_KEY_VARIABLE}" />""");
        var log = harness.Logger("NoKey");

        Assert.DoesNotThrow(() =>
        {
            for (var i = 0; i < 5; i++) log.Info("dropped " + i);
        });

        Assert.Multiple(() =>
        {
            Assert.That(capture.Messages.Count(m => m.Contains("no API key is configured", StringComparison.Ordinal)), Is.EqualTo(1));
            Assert.That(harness.Appender.IsActive, Is.False);
            Assert.That(harness.Appender.NoClientDropCount, Is.EqualTo(5));
        });
    }

    [Test]
    public void UnparsableValues_AreEachReportedByName_AndTheAppenderStaysInPlace()
    {
        using var env = EnvironmentScope.WithoutLogFluxVariables();
        using var capture = new LogLogCapture();
        using var harness = Log4NetHarness.StartRaw($"""
            <apiKey value="{Log4NetHarness.NewApiKey()}" />
            <customEndpointUrl value="{Server.BaseUrl}" />
            <batchSize value="lots" />
            <flushInterval value="soon" />
            <sampleRate value="0,5" />
            <minimumBreadcrumbLevel value="loud" />
            """);

        Assert.DoesNotThrow(() => harness.Logger("Typos").Info("still fine"));

        Assert.Multiple(() =>
        {
            Assert.That(capture.Messages, Has.Some.Contains("BatchSize: 'lots' is not valid"));
            Assert.That(capture.Messages, Has.Some.Contains("FlushInterval: 'soon' is not a valid duration"));
            Assert.That(capture.Messages, Has.Some.Contains("SampleRate: '0,5' is not valid"));
            Assert.That(capture.Messages, Has.Some.Contains("MinimumBreadcrumbLevel: 'loud' is not a LogFlux level"));
            Assert.That(harness.Appender.IsActive, Is.False);
            Assert.That(harness.Appender.NoClientDropCount, Is.EqualTo(1));
        });
    }

    [Test]
    public void OutOfRangeValues_AreReportedWithTheCoreRules()
    {
        using var env = EnvironmentScope.WithoutLogFluxVariables();
        using var capture = new LogLogCapture();
        using var harness = Log4NetHarness.StartRaw($"""
            <apiKey value="{Log4NetHarness.NewApiKey()}" />
            <customEndpointUrl value="{Server.BaseUrl}" />
            <batchSize value="5000" />
            """);

        Assert.Multiple(() =>
        {
            Assert.That(capture.Messages, Has.Some.Contains("BatchSize must be between 1 and 1000"));
            Assert.That(harness.Appender.IsActive, Is.False);
        });
    }

    [Test]
    public void UnknownOption_IsReportedByLog4Net()
    {
        using var capture = new LogLogCapture();
        using var harness = Log4NetHarness.Start(Server.BaseUrl, """<batchSzie value="10" />""");

        Assert.That(capture.Messages, Has.Some.Contains("Cannot find Property [batchSzie]"));
    }

    [Test]
    public async Task ApiKeyFromAVariable_AndUnsetOptionsFromLogFluxEnvironment_ExplicitWins()
    {
        var apiKey = Log4NetHarness.NewApiKey();
        using var env = EnvironmentScope.WithoutLogFluxVariables(
            ("MY_APP_LOGFLUX_KEY", apiKey),
            ("LOGFLUX_CUSTOM_ENDPOINT_URL", Server.BaseUrl),
            ("LOGFLUX_ENVIRONMENT", "staging"),
            ("LOGFLUX_RELEASE", "9.9.9"),
            ("LOGFLUX_KEY_PERSISTENCE", "false"));
        using var harness = Log4NetHarness.StartRaw("""
            <apiKey value="${MY_APP_LOGFLUX_KEY}" />
            <release value="1.2.3" />
            <flushInterval value="50ms" />
            """);
        harness.Logger("Env").Info("configured from the environment");

        var entry = (await WaitForAsync(apiKey, 1))[0];

        Assert.Multiple(() =>
        {
            Assert.That(entry.Message, Is.EqualTo("configured from the environment"));
            Assert.That(entry.Meta["environment"], Is.EqualTo("staging"));
            Assert.That(entry.Meta["release"], Is.EqualTo("1.2.3"));
        });
    }

    [Test]
    public async Task WithoutApiKey_TheLogFluxInitClientIsUsed_EvenWhenInitRunsAfterConfiguration()
    {
        var apiKey = Log4NetHarness.NewApiKey();
        using var env = EnvironmentScope.WithoutLogFluxVariables();
        using var harness = Log4NetHarness.StartRaw("<includeLocation value=\"false\" />");
        Assert.That(harness.Appender.IsActive, Is.False);
        harness.Logger("Default").Info("before init");

        LogFluxSdk.Init(new LogFluxOptions
        {
            ApiKey = apiKey,
            CustomEndpointUrl = Server.BaseUrl,
            KeyPersistence = false,
            FlushInterval = TimeSpan.FromMilliseconds(50),
        });
        try
        {
            harness.Logger("Default").Info("through the global client");
            for (var i = 0; i < 20; i++) harness.Logger("Default").Info("after init " + i);

            var received = await WaitForAsync(apiKey, 21);

            Assert.Multiple(() =>
            {
                Assert.That(received.Count(e => e.Message == "through the global client"), Is.EqualTo(1));
                Assert.That(received.Count(e => e.Message?.StartsWith("after init", StringComparison.Ordinal) == true), Is.EqualTo(20), "no event after Init is lost");
                Assert.That(harness.Appender.IsActive, Is.True);
                Assert.That(harness.Appender.NoClientDropCount, Is.EqualTo(1), "only the event before Init was dropped");
            });
        }
        finally
        {
            harness.Dispose();
            Assert.That(LogFluxSdk.IsInitialized, Is.True, "closing the appender must not close the global client");
            await LogFluxSdk.CloseAsync();
        }
    }

    [Test]
    public async Task TwoAppendersWithOneKey_ShareOneClient_AndAConflictingSettingIsReportedOnce()
    {
        using var env = EnvironmentScope.WithoutLogFluxVariables();
        using var capture = new LogLogCapture();
        var apiKey = Log4NetHarness.NewApiKey();
        string Xml(int batchSize) => $"""
            <apiKey value="{apiKey}" />
            <customEndpointUrl value="{Server.BaseUrl}" />
            <keyPersistence value="false" />
            <flushInterval value="50ms" />
            <batchSize value="{batchSize}" />
            """;
        using var first = Log4NetHarness.StartRaw(Xml(100), apiKey);
        using var second = Log4NetHarness.StartRaw(Xml(50), apiKey);
        using var third = Log4NetHarness.StartRaw(Xml(50), apiKey);
        first.Logger("First").Info("from the first repository");
        second.Logger("Second").Info("from the second repository");

        var entries = await WaitForAsync(apiKey, 2);

        Assert.Multiple(() =>
        {
            Assert.That(entries.Select(e => e.Message), Is.EquivalentTo(new[] { "from the first repository", "from the second repository" }));
            Assert.That(capture.Messages.Count(m => m.Contains("already running with other settings", StringComparison.Ordinal) && m.Contains("BatchSize", StringComparison.Ordinal)),
                Is.EqualTo(1));
            Assert.That(second.Appender.GetStats(), Is.Not.Null);
        });
    }
}
