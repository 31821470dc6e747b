using NLog.Common;
using NLog.Targets.LogFlux.Tests.Support;

namespace NLog.Targets.LogFlux.Tests.Configuration;

/// <summary>Settings from NLog.config: layouts, environment variables, defaults and invalid values.</summary>
public sealed class TargetConfigurationTests
{
    private static readonly string TargetWithoutApiKey = $"""
        <nlog>
          {NLogHarness.Extensions}
          <targets><target name='lf' type='LogFlux' /></targets>
          <rules><logger name='*' minlevel='Trace' writeTo='lf' /></rules>
        </nlog>
        """;

    [Test]
    public async Task The_api_key_can_come_from_an_environment_layout()
    {
        await using var h = await NLogHarness.StartAsync();
        var variable = "LOGFLUX_NLOG_TEST_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, h.ApiKey);
        try
        {
            var xml = h.Config().Replace($"apiKey='{h.ApiKey}'", $"apiKey='${{environment:{variable}}}'", StringComparison.Ordinal);
            h.Load(xml).GetLogger("Shop").Info("key from env");

            var entry = await h.WaitForMessageAsync("key from env");
            Assert.That(entry.ApiKey, Is.EqualTo(h.ApiKey));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Test]
    public async Task Source_environment_and_release_are_sent()
    {
        await using var h = await NLogHarness.StartAsync();
        h.Load(h.Config("source='checkout-api' environment='staging' release='1.4.2'")).GetLogger("Shop").Info("context");

        var entry = await h.WaitForMessageAsync("context");
        Assert.That(entry.Source, Is.EqualTo("checkout-api"));
        Assert.That(entry.Meta["environment"], Is.EqualTo("staging"));
        Assert.That(entry.Meta["release"], Is.EqualTo("1.4.2"));
    }

    [Test]
    public async Task Unset_settings_come_from_LOGFLUX_variables_and_explicit_settings_win()
    {
        await using var h = await NLogHarness.StartAsync();
        using var env = new EnvironmentScope()
            .Set("LOGFLUX_CUSTOM_ENDPOINT_URL", h.Server.BaseUrl)
            .Set("LOGFLUX_RELEASE", "from-env")
            .Set("LOGFLUX_SOURCE", "env-source");
        var xml = h.Config("source='explicit-source'").Replace($"customEndpointUrl='{h.Server.BaseUrl}'", "", StringComparison.Ordinal);

        h.Load(xml).GetLogger("Shop").Info("env defaults");

        var entry = await h.WaitForMessageAsync("env defaults");
        Assert.That(entry.Meta["release"], Is.EqualTo("from-env"));
        Assert.That(entry.Source, Is.EqualTo("explicit-source"));
    }

    [Test]
    public async Task An_invalid_value_throws_NLogConfigurationException_with_throwConfigExceptions()
    {
        await using var h = await NLogHarness.StartAsync();

        var ex = Assert.Throws<NLogConfigurationException>(() => h.Load(h.Config("batchSize='lots' shutdownTimeout='soon'", nlogAttributes: "throwConfigExceptions='true'")));

        Assert.That(ex!.Message, Does.Contain("BatchSize: 'lots'"));
        Assert.That(ex.Message, Does.Contain("whole number"));
        Assert.That(ex.Message, Does.Contain("ShutdownTimeout: 'soon'"));
    }

    [Test]
    public async Task An_out_of_range_value_is_reported_by_option_name()
    {
        await using var h = await NLogHarness.StartAsync();

        var ex = Assert.Throws<NLogConfigurationException>(() => h.Load(h.Config("batchSize='0'", nlogAttributes: "throwConfigExceptions='true'")));

        Assert.That(ex!.Message, Does.Contain("BatchSize must be between"));
    }

    [Test]
    public async Task An_invalid_api_key_is_reported_without_echoing_it()
    {
        await using var h = await NLogHarness.StartAsync();
        var xml = h.Config(nlogAttributes: "throwConfigExceptions='true'").Replace(h.ApiKey, "xx-notakey-secretpart", StringComparison.Ordinal);

        var ex = Assert.Throws<NLogConfigurationException>(() => h.Load(xml));

        Assert.That(ex!.Message, Does.Contain("Invalid API key"));
        Assert.That(ex.Message, Does.Not.Contain("secretpart"));
    }

    [Test]
    public async Task Without_throwConfigExceptions_an_invalid_value_goes_to_the_InternalLogger_and_logging_keeps_working()
    {
        await using var h = await NLogHarness.StartAsync();
        var factory = h.Load(h.Config("sampleRate='often'"));

        Assert.DoesNotThrow(() => factory.GetLogger("Shop").Info("still running"));

        Assert.That(h.InternalLog, Does.Contain("SampleRate: 'often'"));
        Assert.That(h.Received, Is.Empty);
    }

    [Test]
    public async Task An_unknown_setting_is_reported_not_ignored()
    {
        await using var h = await NLogHarness.StartAsync();

        var ex = Assert.Throws<NLogConfigurationException>(() => h.Load(h.Config("batchSise='10'", nlogAttributes: "throwConfigExceptions='true'")));

        Assert.That(ex!.ToString(), Does.Contain("batchSise"));
    }

    [Test]
    public async Task Without_api_key_and_without_LogFlux_Init_events_are_counted_and_reported_once()
    {
        await using var h = await NLogHarness.StartAsync();
        using var env = new EnvironmentScope().Set("LOGFLUX_API_KEY", null);
        Assume.That(global::LogFlux.Sinks.LogFluxSdk.IsInitialized, Is.False);
        var factory = h.Load(TargetWithoutApiKey);

        factory.GetLogger("Shop").Info("one");
        factory.GetLogger("Shop").Info("two");

        var target = factory.Configuration!.FindTargetByName<LogFluxTarget>("lf")!;
        Assert.That(target.DroppedWithoutClient, Is.EqualTo(2));
        Assert.That(CountOccurrences(h.InternalLog, "no API key is configured"), Is.EqualTo(1));
    }

    [Test]
    public async Task Without_api_key_the_LogFlux_Init_client_is_used_even_when_it_starts_later()
    {
        await using var h = await NLogHarness.StartAsync();
        using var env = new EnvironmentScope().Set("LOGFLUX_API_KEY", null);
        Assume.That(global::LogFlux.Sinks.LogFluxSdk.IsInitialized, Is.False);
        var factory = h.Load(TargetWithoutApiKey);
        try
        {
            factory.GetLogger("Shop").Info("before init");
            global::LogFlux.Sinks.LogFluxSdk.Init(new global::LogFlux.Sinks.LogFluxOptions
            {
                ApiKey = h.ApiKey,
                CustomEndpointUrl = h.Server.BaseUrl,
                KeyPersistence = false,
                FlushInterval = TimeSpan.FromMilliseconds(100),
            });

            factory.GetLogger("Shop").Info("through the global client");
            for (var i = 0; i < 20; i++) factory.GetLogger("Shop").Info("after init " + i);

            var entry = await h.WaitForMessageAsync("through the global client");
            factory.Flush(TimeSpan.FromSeconds(20));
            Assert.That(await global::LogFlux.Sinks.LogFluxSdk.FlushAsync(TimeSpan.FromSeconds(20)), Is.True);
            Assert.That(entry.Logger, Is.EqualTo("Shop"));
            Assert.That(h.Server.Entries.Count(e => e.ApiKey == h.ApiKey && e.Message?.StartsWith("after init", StringComparison.Ordinal) == true), Is.EqualTo(20), "no event after Init is lost");
            Assert.That(factory.Configuration!.FindTargetByName<LogFluxTarget>("lf")!.DroppedWithoutClient, Is.EqualTo(1), "only the event before Init was dropped");
        }
        finally
        {
            factory.Shutdown();
            global::LogFlux.Sinks.LogFluxSdk.Close();
        }
    }

    [Test]
    public async Task Diagnostics_of_the_client_reach_the_InternalLogger()
    {
        await using var h = await NLogHarness.StartAsync();
        var xml = $"""
            <nlog>
              {NLogHarness.Extensions}
              <targets>
                <target name='first' type='LogFlux' {h.Connection} batchSize='10' />
                <target name='second' type='LogFlux' {h.Connection} batchSize='20' />
              </targets>
              <rules><logger name='*' minlevel='Trace' writeTo='first,second' /></rules>
            </nlog>
            """;

        h.Load(xml);

        Assert.That(h.InternalLog, Does.Contain("already running with other settings"));
        Assert.That(h.InternalLog, Does.Contain("BatchSize"));
        Assert.That(h.InternalLog, Does.Not.Contain(h.ApiKey));
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
