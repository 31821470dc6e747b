using Microsoft.Extensions.Configuration;
using NLog.Extensions.Logging;
using NLog.Targets.LogFlux.Tests.Support;

namespace NLog.Targets.LogFlux.Tests.Registration;

/// <summary>Every documented way of making NLog find the target.</summary>
public sealed class RegistrationFormTests
{
    [Test]
    public async Task Extensions_add_assembly()
    {
        await using var h = await NLogHarness.StartAsync();
        h.Load(h.Config(extensions: "<extensions><add assembly='NLog.Targets.LogFlux' /></extensions>")).GetLogger("Shop").Info("via extensions");

        Assert.That((await h.WaitForMessageAsync("via extensions")).Type, Is.EqualTo("log"));
    }

    [Test]
    public async Task Assembly_qualified_type_name()
    {
        await using var h = await NLogHarness.StartAsync();
        var xml = h.Config(extensions: "").Replace("type='LogFlux'", "type='LogFlux, NLog.Targets.LogFlux'", StringComparison.Ordinal);

        h.Load(xml).GetLogger("Shop").Info("via type name");

        Assert.That((await h.WaitForMessageAsync("via type name")).Type, Is.EqualTo("log"));
    }

    [Test]
    public async Task Auto_load_extensions_finds_the_NLog_prefixed_assembly()
    {
        await using var h = await NLogHarness.StartAsync();

        h.Load(h.Config(extensions: "", nlogAttributes: "autoLoadExtensions='true'")).GetLogger("Shop").Info("via auto load");

        Assert.That((await h.WaitForMessageAsync("via auto load")).Type, Is.EqualTo("log"));
    }

    [Test]
    public async Task SetupExtensions_RegisterTarget()
    {
        await using var h = await NLogHarness.StartAsync();
        var factory = new LogFactory();
        factory.Setup()
            .SetupExtensions(e => e.RegisterTarget<LogFluxTarget>())
            .LoadConfigurationFromXml(h.Config(extensions: ""));
        try
        {
            factory.GetLogger("Shop").Info("via RegisterTarget");

            Assert.That((await h.WaitForMessageAsync("via RegisterTarget")).Type, Is.EqualTo("log"));
        }
        finally
        {
            factory.Shutdown();
        }
    }

    [Test]
    public async Task SetupExtensions_RegisterLogFlux_helper()
    {
        await using var h = await NLogHarness.StartAsync();
        var factory = new LogFactory();
        factory.Setup()
            .SetupExtensions(e => e.RegisterLogFlux())
            .LoadConfigurationFromXml(h.Config(extensions: ""));
        try
        {
            factory.GetLogger("Shop").Info("via RegisterLogFlux");

            Assert.That((await h.WaitForMessageAsync("via RegisterLogFlux")).Type, Is.EqualTo("log"));
        }
        finally
        {
            factory.Shutdown();
        }
    }

    [Test]
    public async Task Appsettings_json_through_NLog_Extensions_Logging()
    {
        await using var h = await NLogHarness.StartAsync();
        var json = $$"""
            {
              "NLog": {
                "throwConfigExceptions": true,
                "extensions": [ { "assembly": "NLog.Targets.LogFlux" } ],
                "targets": {
                  "lf": {
                    "type": "LogFlux",
                    "apiKey": "{{h.ApiKey}}",
                    "customEndpointUrl": "{{h.Server.BaseUrl}}",
                    "keyPersistence": "false",
                    "flushInterval": "100ms",
                    "source": "json-app",
                    "contextproperties": [ { "name": "configured", "layout": "from-json" } ]
                  }
                },
                "rules": [ { "logger": "*", "minLevel": "Info", "writeTo": "lf" } ]
              }
            }
            """;
        var configuration = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)))
            .Build();
        var factory = new LogFactory();
        factory.Configuration = new NLogLoggingConfiguration(configuration.GetSection("NLog"), factory);
        try
        {
            factory.GetLogger("Shop").Info("via appsettings");

            var entry = await h.WaitForMessageAsync("via appsettings");
            Assert.That(entry.Source, Is.EqualTo("json-app"));
            Assert.That(entry.Attributes["configured"], Is.EqualTo("from-json"));
        }
        finally
        {
            factory.Shutdown();
        }
    }
}
