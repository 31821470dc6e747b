using System.Reflection;
using LogFlux.Sinks;
using Microsoft.Extensions.Configuration;
using Serilog.Configuration;
using Serilog.Events;
using Serilog.Sinks.LogFlux.Tests.Support;

namespace Serilog.Sinks.LogFlux.Tests;

/// <summary>Binding the sink from real appsettings.json files through Serilog.Settings.Configuration.</summary>
[TestFixture]
public sealed class ConfigurationBindingTests : ReceiverTestBase
{
    private readonly List<LogFluxSinkOptions> _created = [];

    [SetUp]
    public void ObserveOptions()
    {
        _created.Clear();
        SinkFactory.OptionsCreated = _created.Add;
    }

    private static IConfiguration Load(string file) => new ConfigurationBuilder()
        .SetBasePath(Path.Combine(TestContext.CurrentContext.TestDirectory, "Configuration"))
        .AddJsonFile(file, optional: false)
        .Build();

    private Core.Logger ReadLogger(string file) => Track(new LoggerConfiguration().ReadFrom.Configuration(Load(file)).CreateLogger());

    [Test]
    public async Task Minimal_file_with_the_api_key_and_endpoint_from_the_environment_delivers()
    {
        Env.Set("LOGFLUX_API_KEY", ApiKey).Set("LOGFLUX_CUSTOM_ENDPOINT_URL", Server.BaseUrl);
        var logger = ReadLogger("appsettings.Minimal.json");

        logger.Debug("below restrictedToMinimumLevel");
        logger.Information("from json {Number}", 7);
        logger.Dispose();

        var entry = await ReceiveMessage("from json 7");
        Assert.That(entry.Source, Is.EqualTo("json-app"));
        Assert.That(entry.Meta["environment"], Is.EqualTo("test"));
        Assert.That(Received().Select(e => e.Message), Does.Not.Contain("below restrictedToMinimumLevel"));
        Assert.That(_created.Single().Client.IsExplicitlySet(nameof(LogFluxOptions.ApiKey)), Is.False, "the key came from LOGFLUX_API_KEY");
    }

    [Test]
    public void Every_option_binds_from_appsettings_with_its_own_name()
    {
        Env.Set("LOGFLUX_API_KEY", ApiKey);
        ReadLogger("appsettings.AllOptions.json").Dispose();
        foreach (var directory in new[] { "logflux-test-keys", "logflux-test-buffer" })
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }

        Assert.That(_created, Has.Count.EqualTo(2));
        var write = _created[0];
        var o = write.Client;
        Assert.Multiple(() =>
        {
            Assert.That(o.Source, Is.EqualTo("checkout-api"));
            Assert.That(o.Environment, Is.EqualTo("staging"));
            Assert.That(o.Release, Is.EqualTo("1.4.2"));
            Assert.That(o.Node, Is.EqualTo("node-7"));
            Assert.That(o.LogGroup, Is.EqualTo("shop"));
            Assert.That(o.CustomEndpointUrl, Is.EqualTo("http://127.0.0.1:9"));
            Assert.That(o.Zone, Is.EqualTo("us"));
            Assert.That(o.QueueSize, Is.EqualTo(500));
            Assert.That(o.QueueMaxBytes, Is.EqualTo(1048576));
            Assert.That(o.BatchSize, Is.EqualTo(10));
            Assert.That(o.FlushInterval, Is.EqualTo(TimeSpan.FromMilliseconds(250)));
            Assert.That(o.WorkerCount, Is.EqualTo(3));
            Assert.That(o.MaxRetries, Is.EqualTo(5));
            Assert.That(o.InitialDelay, Is.EqualTo(TimeSpan.FromMilliseconds(200)));
            Assert.That(o.MaxDelay, Is.EqualTo(TimeSpan.FromSeconds(5)));
            Assert.That(o.BackoffFactor, Is.EqualTo(1.5));
            Assert.That(o.HttpTimeout, Is.EqualTo(TimeSpan.FromSeconds(7)));
            Assert.That(o.Failsafe, Is.True);
            Assert.That(o.EnableCompression, Is.False);
            Assert.That(o.SampleRate, Is.EqualTo(0.5));
            Assert.That(o.MaxBreadcrumbs, Is.EqualTo(20));
            Assert.That(o.MinimumBreadcrumbLevel, Is.EqualTo(LogFluxLevel.Warning));
            Assert.That(o.Debug, Is.True);
            Assert.That(o.KeyPersistence, Is.False);
            Assert.That(o.KeyPersistencePath, Is.EqualTo("logflux-test-keys"));
            Assert.That(o.KeyRotationDays, Is.EqualTo(7));
            Assert.That(o.ServerKeyFingerprint, Is.EqualTo("SHA256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));
            Assert.That(o.ShutdownTimeout, Is.EqualTo(TimeSpan.FromSeconds(3)));
            Assert.That(o.AllowInsecureTransport, Is.True);
            Assert.That(o.ProxyAddress, Is.EqualTo("http://proxy.local:8080"));
            Assert.That(o.DiagnosticsInterval, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(o.BufferPath, Is.EqualTo("logflux-test-buffer"));
            Assert.That(o.BufferMaxBytes, Is.EqualTo(2097152));
            Assert.That(write.IncludeMessageTemplate, Is.False);
            Assert.That(write.LevelMapping, Is.EqualTo("Information=Notice"));
            Assert.That(o.IsExplicitlySet(nameof(LogFluxOptions.ApiKey)), Is.False);
        });

        var audit = _created[1];
        Assert.That(audit.AuditDeliveryTimeout, Is.EqualTo(TimeSpan.FromSeconds(2)), "AuditTo binds the audit overload");
        Assert.That(audit.Client.Source, Is.EqualTo("audit-api"));
        Assert.That(SelfLogLines.Text, Does.Not.Contain("Serilog sink configuration"), "a valid file reports nothing");
    }

    [Test]
    public void Unset_options_stay_unset_so_environment_defaults_apply()
    {
        Env.Set("LOGFLUX_API_KEY", ApiKey).Set("LOGFLUX_CUSTOM_ENDPOINT_URL", Server.BaseUrl).Set("LOGFLUX_BATCH_SIZE", "17");
        ReadLogger("appsettings.Minimal.json");

        var options = _created.Single().Client;
        Assert.That(options.IsExplicitlySet(nameof(LogFluxOptions.BatchSize)), Is.False);
        Assert.That(options.BatchSize, Is.EqualTo(17), "LOGFLUX_BATCH_SIZE filled the unset option");
        Assert.That(options.IsExplicitlySet(nameof(LogFluxOptions.Source)), Is.True);
    }

    [Test]
    public void Misspelled_arguments_are_ignored_by_the_reader_and_reported_by_the_check()
    {
        Env.Set("LOGFLUX_API_KEY", ApiKey);
        var configuration = Load("appsettings.Typo.json");
        Track(new LoggerConfiguration().ReadFrom.Configuration(configuration).CreateLogger());

        var options = _created.Single().Client;
        Assert.That(options.Source, Is.EqualTo("typo-app"), "the reader still picked WriteTo.LogFlux");
        Assert.That(options.IsExplicitlySet(nameof(LogFluxOptions.BatchSize)), Is.False, "Serilog.Settings.Configuration drops unknown argument names silently");

        var problems = LogFluxConfigurationCheck.ReportUnknownArguments(configuration.AsEnumerable());
        Assert.That(problems, Has.Count.EqualTo(2));
        Assert.That(problems[0] + problems[1], Does.Contain("'batchSise'").And.Contain("did you mean 'batchSize'"));
        Assert.That(problems[0] + problems[1], Does.Contain("'flushIntervall'").And.Contain("did you mean 'flushInterval'"));
        Assert.That(SelfLogLines.Text, Does.Contain("unknown argument 'batchSise'"));
    }

    [Test]
    public void The_check_accepts_a_valid_file()
    {
        var problems = LogFluxConfigurationCheck.ReportUnknownArguments(Load("appsettings.AllOptions.json").AsEnumerable());
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void Invalid_values_are_reported_through_selflog_naming_the_option_and_the_app_keeps_running()
    {
        Env.Set("LOGFLUX_API_KEY", ApiKey);
        var before = LogFluxSinkStatus.NoClientDrops;
        Core.Logger? logger = null;
        Assert.That(() => logger = ReadLogger("appsettings.Invalid.json"), Throws.Nothing);
        Assert.That(() => logger!.Information("still running"), Throws.Nothing);

        var text = SelfLogLines.Text;
        Assert.That(text, Does.Contain("BatchSize"));
        Assert.That(text, Does.Contain("CustomEndpointUrl"));
        Assert.That(text, Does.Contain("SampleRate"));
        Assert.That(LogFluxSinkStatus.NoClientDrops, Is.EqualTo(before + 1));
    }

    [Test]
    public void An_invalid_api_key_is_reported_without_revealing_it()
    {
        Assert.That(() => ReadLogger("appsettings.BadKey.json").Information("dropped"), Throws.Nothing);
        Assert.That(SelfLogLines.Text, Does.Contain("Invalid API key"));
        Assert.That(SelfLogLines.Text, Does.Not.Contain("secretvalue123"));
    }

    [Test]
    public void A_value_of_the_wrong_form_is_reported_through_selflog_instead_of_thrown()
    {
        // appsettings bind the text overload, so the option grammar reads the value and reports it like any invalid value.
        Assert.That(() => ReadLogger("appsettings.Unconvertible.json"), Throws.Nothing);
        Assert.That(SelfLogLines.Text, Does.Contain("BatchSize: 'ten' is not valid").And.Contain("a whole number"));
    }

    [Test]
    public void Every_core_option_has_a_bindable_parameter_with_the_same_name()
    {
        var writeTo = typeof(LoggerConfigurationLogFluxExtensions).GetMethods()
            .Single(m => m.Name == "LogFlux" && m.GetParameters()[0].ParameterType == typeof(LoggerSinkConfiguration) && m.GetParameters().Length > 5);
        var auditTo = typeof(LoggerConfigurationLogFluxExtensions).GetMethods()
            .Single(m => m.Name == "LogFlux" && m.GetParameters()[0].ParameterType == typeof(LoggerAuditSinkConfiguration) && m.GetParameters().Length > 5);
        var parameterNames = writeTo.GetParameters().Skip(1).Select(p => p.Name!).ToList();

        var bindable = typeof(LogFluxOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && (p.PropertyType.IsPrimitive || p.PropertyType.IsEnum || p.PropertyType == typeof(string) || p.PropertyType == typeof(TimeSpan)))
            .Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..]);
        Assert.That(parameterNames, Is.SupersetOf(bindable));
        Assert.That(writeTo.GetParameters().Skip(1).All(p => p.HasDefaultValue), Is.True, "every parameter is optional");
        Assert.That(LogFluxConfigurationCheck.WriteToArgumentNames, Is.EquivalentTo(parameterNames));
        Assert.That(LogFluxConfigurationCheck.AuditToArgumentNames, Is.EquivalentTo(auditTo.GetParameters().Skip(1).Select(p => p.Name)));
        Assert.That(writeTo.GetParameters().Single(p => p.Name == "restrictedToMinimumLevel").DefaultValue, Is.EqualTo(LevelAlias.Minimum));
    }
}
