using System.Reflection;
using Microsoft.Extensions.Configuration;
using Serilog.Configuration;
using Serilog.Sinks.LogFlux.Tests.Support;

namespace Serilog.Sinks.LogFlux.Tests.Sinks.LogFlux;

/// <summary>Serilog arguments follow the one LogFlux option grammar and name every option of the table.</summary>
[TestFixture]
public sealed class SinkArgumentsTests : ReceiverTestBase
{
    private LogFluxSinkOptions Bind(params (string Name, string Value)[] arguments)
    {
        var created = new List<LogFluxSinkOptions>();
        SinkFactory.OptionsCreated = created.Add;
        var settings = new Dictionary<string, string?>
        {
            ["Serilog:Using:0"] = "Serilog.Sinks.LogFlux",
            ["Serilog:WriteTo:0:Name"] = "LogFlux",
            ["Serilog:WriteTo:0:Args:apiKey"] = ApiKey,
            ["Serilog:WriteTo:0:Args:customEndpointUrl"] = Server.BaseUrl,
            ["Serilog:WriteTo:0:Args:keyPersistence"] = "false",
        };
        foreach (var (name, value) in arguments) settings["Serilog:WriteTo:0:Args:" + name] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        Track(new LoggerConfiguration().ReadFrom.Configuration(configuration).CreateLogger()).Dispose();
        return created.Single();
    }

    [Test]
    public void A_plain_number_from_appsettings_counts_the_unit_of_the_options_environment_variable()
    {
        var options = Bind(("initialDelay", "250"), ("flushInterval", "5"), ("httpTimeout", "00:00:07"));

        Assert.That(options.Client.InitialDelay, Is.EqualTo(TimeSpan.FromMilliseconds(250)));
        Assert.That(options.Client.FlushInterval, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(options.Client.HttpTimeout, Is.EqualTo(TimeSpan.FromSeconds(7)));
    }

    [Test]
    public void Code_calls_bind_the_typed_overload_and_keep_whole_days()
    {
        var created = new List<LogFluxSinkOptions>();
        SinkFactory.OptionsCreated = created.Add;

        Track(new LoggerConfiguration().WriteTo.LogFlux(ApiKey, customEndpointUrl: Server.BaseUrl, keyPersistence: false, flushInterval: TimeSpan.FromDays(1)).CreateLogger());

        Assert.That(created.Single().Client.FlushInterval, Is.EqualTo(TimeSpan.FromDays(1)));
    }

    [TestCase(typeof(LoggerSinkConfiguration))]
    [TestCase(typeof(LoggerAuditSinkConfiguration))]
    public void Every_option_is_an_argument(Type configurationType)
    {
        var method = typeof(LoggerConfigurationLogFluxExtensions).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(m => m.GetParameters()[0].ParameterType == configurationType && m.GetParameters().Length > 10);
        var optionNames = typeof(global::LogFlux.Sinks.LogFluxOptions).GetProperties().Where(p => p.CanWrite && (p.PropertyType.IsValueType || p.PropertyType == typeof(string))).Select(p => p.Name)
            .Select(n => char.ToLowerInvariant(n[0]) + n[1..]);

        Assert.That(method.GetParameters().Select(p => p.Name), Is.SupersetOf(optionNames));
        Assert.That(LogFluxConfigurationCheck.WriteToArgumentNames, Is.SupersetOf(optionNames));
    }
}
