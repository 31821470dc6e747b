using LogFlux.Sinks;
using Microsoft.Extensions.Configuration;
using Serilog.Sinks.LogFlux.Settings;
using Serilog.Sinks.LogFlux.Tests.Support;

namespace Serilog.Sinks.LogFlux.Tests.Settings;

/// <summary>
/// appsettings bind the text overloads (Serilog.Settings.Configuration prefers string parameters), so Serilog
/// configuration reads every option with the grammar of the environment, NLog and log4net.
/// </summary>
[TestFixture]
public sealed class LogFluxSettingsExtensionsTests : ReceiverTestBase
{
    private readonly List<LogFluxSinkOptions> _created = [];

    private LogFluxSinkOptions Bind(string section, params (string Name, string Value)[] arguments)
    {
        _created.Clear();
        SinkFactory.OptionsCreated = _created.Add;
        var prefix = $"Serilog:{section}:0:";
        var settings = new Dictionary<string, string?>
        {
            ["Serilog:Using:0"] = "Serilog.Sinks.LogFlux",
            [prefix + "Name"] = "LogFlux",
            [prefix + "Args:apiKey"] = ApiKey,
            [prefix + "Args:customEndpointUrl"] = Server.BaseUrl,
            [prefix + "Args:keyPersistence"] = "false",
        };
        foreach (var (name, value) in arguments) settings[prefix + "Args:" + name] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        Track(new LoggerConfiguration().ReadFrom.Configuration(configuration).CreateLogger()).Dispose();
        return _created.Single();
    }

    [TestCase("WriteTo")]
    [TestCase("AuditTo")]
    public void Durations_take_units_timespan_text_and_plain_numbers_in_the_options_unit(string section)
    {
        var plain = Bind(section, ("initialDelay", "250"), ("flushInterval", "5"), ("httpTimeout", "00:00:07"), ("maxDelay", "2m")).Client;
        Assert.Multiple(() =>
        {
            Assert.That(plain.InitialDelay, Is.EqualTo(TimeSpan.FromMilliseconds(250)));
            Assert.That(plain.FlushInterval, Is.EqualTo(TimeSpan.FromSeconds(5)));
            Assert.That(plain.HttpTimeout, Is.EqualTo(TimeSpan.FromSeconds(7)));
            Assert.That(plain.MaxDelay, Is.EqualTo(TimeSpan.FromMinutes(2)));
        });

        var units = Bind(section, ("initialDelay", "250ms"), ("flushInterval", "2m"), ("shutdownTimeout", "1h")).Client;
        Assert.Multiple(() =>
        {
            Assert.That(units.InitialDelay, Is.EqualTo(TimeSpan.FromMilliseconds(250)));
            Assert.That(units.FlushInterval, Is.EqualTo(TimeSpan.FromMinutes(2)));
            Assert.That(units.ShutdownTimeout, Is.EqualTo(TimeSpan.FromHours(1)));
        });
        Assert.That(Bind(section, ("flushInterval", "00:00:07")).Client.FlushInterval, Is.EqualTo(TimeSpan.FromSeconds(7)));
    }

    [TestCase("WriteTo")]
    [TestCase("AuditTo")]
    public void Sizes_booleans_and_numbers_use_the_option_grammar(string section)
    {
        var options = Bind(section, ("queueMaxBytes", "32MB"), ("bufferMaxBytes", "512KB"), ("failsafe", "yes"), ("enableCompression", "off"),
            ("batchSize", "25"), ("sampleRate", "0.25"), ("minimumBreadcrumbLevel", "Information"), ("levelMapping", "Information=Notice"));
        var client = options.Client;
        Assert.Multiple(() =>
        {
            Assert.That(client.QueueMaxBytes, Is.EqualTo(33554432));
            Assert.That(client.BufferMaxBytes, Is.EqualTo(512 * 1024));
            Assert.That(client.Failsafe, Is.True);
            Assert.That(client.IsExplicitlySet(nameof(LogFluxOptions.Failsafe)), Is.True);
            Assert.That(client.EnableCompression, Is.False);
            Assert.That(client.BatchSize, Is.EqualTo(25));
            Assert.That(client.SampleRate, Is.EqualTo(0.25));
            Assert.That(client.MinimumBreadcrumbLevel, Is.EqualTo(LogFluxLevel.Notice), "a Serilog level goes through the level mapping");
            Assert.That(options.Problems, Is.Empty);
        });
        Assert.That(SelfLogLines.Text, Does.Not.Contain("Serilog sink configuration"));
    }

    [Test]
    public void The_audit_delivery_timeout_is_text_too()
    {
        Assert.That(Bind("AuditTo", ("auditDeliveryTimeout", "1500ms")).AuditDeliveryTimeout, Is.EqualTo(TimeSpan.FromMilliseconds(1500)));
        Assert.That(Bind("AuditTo", ("auditDeliveryTimeout", "3")).AuditDeliveryTimeout, Is.EqualTo(TimeSpan.FromSeconds(3)));
    }

    [TestCase("WriteTo", "flushInterval", "FlushInterval")]
    [TestCase("AuditTo", "flushInterval", "FlushInterval")]
    [TestCase("AuditTo", "auditDeliveryTimeout", "AuditDeliveryTimeout")]
    public void A_bad_duration_is_reported_with_the_option_and_the_forms_and_the_sink_drops(string section, string argument, string option)
    {
        var before = LogFluxSinkStatus.NoClientDrops;
        LogFluxSinkOptions? options = null;
        Assert.That(() => options = Bind(section, (argument, "soon")), Throws.Nothing);

        Assert.That(SelfLogLines.Text, Does.Contain($"{option}: 'soon' is not a valid duration")
            .And.Contain("250ms, 5s, 2m, 1h or 00:00:05, or a plain number of seconds"));
        Assert.That(options!.Problems, Has.Count.EqualTo(1));
        if (section == "WriteTo")
        {
            var logger = Track(new LoggerConfiguration().WriteTo.Sink(SinkFactory.CreateSink(options)).CreateLogger());
            logger.Information("dropped");
            Assert.That(LogFluxSinkStatus.NoClientDrops, Is.EqualTo(before + 1));
        }
    }

    [Test]
    public void A_bad_size_names_the_option_and_its_forms()
    {
        Assert.That(() => Bind("WriteTo", ("queueMaxBytes", "lots")), Throws.Nothing);
        Assert.That(SelfLogLines.Text, Does.Contain("QueueMaxBytes: 'lots' is not valid").And.Contain("KB, MB or GB"));
    }

    [Test]
    public void Serilog_settings_finds_the_class_outside_the_serilog_namespace()
    {
        var type = typeof(LogFluxSettingsExtensions);
        Assert.That(type is { IsPublic: true, IsAbstract: true, IsSealed: true, IsNested: false }, Is.True, "a public static top-level class");
        Assert.That(type.Namespace, Is.Not.EqualTo("Serilog"), "code calls of WriteTo.LogFlux stay unambiguous");
        // The typed overload would have thrown on "32MB" (Convert.ChangeType to long), so success shows the text overload was chosen.
        Assert.That(Bind("WriteTo", ("queueMaxBytes", "32MB"), ("restrictedToMinimumLevel", "Warning")).Client.QueueMaxBytes, Is.EqualTo(32L * 1024 * 1024));
    }
}
