using LogFlux.Extensions.Logging.Internal;
using Microsoft.Extensions.Configuration;

namespace LogFlux.Extensions.Logging.Tests.Configuration;

public sealed class ConfigurationOptionsSetupTests
{
    private static LogFluxLoggerOptions Read(Dictionary<string, string?> values)
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var options = new LogFluxLoggerOptions();
        ConfigurationOptionsSetup.Apply(section, options);
        return options;
    }

    [Test]
    public void Options_use_the_names_and_value_forms_of_the_other_adapters()
    {
        var options = Read(new()
        {
            ["LogLevel:Default"] = "Warning",
            ["apiKey"] = "eu-lf_configured",
            ["Source"] = "checkout-api",
            ["BatchSize"] = "250",
            ["FlushInterval"] = "250ms",
            ["QueueMaxBytes"] = "8MB",
            ["EnableCompression"] = "off",
            ["MinimumBreadcrumbLevel"] = "Warning",
            ["IncludeScopes"] = "false",
            ["LevelMapping"] = "Critical=Emergency",
        });
        var client = options.ClientOptions;
        Assert.Multiple(() =>
        {
            Assert.That(options.ConfigurationProblems, Is.Empty);
            Assert.That(client.ApiKey, Is.EqualTo("eu-lf_configured"));
            Assert.That(client.Source, Is.EqualTo("checkout-api"));
            Assert.That(client.BatchSize, Is.EqualTo(250));
            Assert.That(client.FlushInterval, Is.EqualTo(TimeSpan.FromMilliseconds(250)));
            Assert.That(client.QueueMaxBytes, Is.EqualTo(8L * 1024 * 1024));
            Assert.That(client.EnableCompression, Is.False);
            Assert.That(client.MinimumBreadcrumbLevel, Is.EqualTo(LogFlux.Sinks.LogFluxLevel.Warning));
            Assert.That(options.IncludeScopes, Is.False);
            Assert.That(options.LevelMapping, Is.EqualTo("Critical=Emergency"));
        });
    }

    [Test]
    public void Every_unknown_key_and_invalid_value_is_a_problem_and_leaves_the_option_unset()
    {
        var options = Read(new()
        {
            ["BatchSise"] = "10",
            ["FlushInterval"] = "soon",
            ["IncludeScopes"] = "maybe",
            ["Source:Nested"] = "x",
            ["ApiKey"] = "",
        });
        Assert.Multiple(() =>
        {
            Assert.That(options.ConfigurationProblems, Has.Count.EqualTo(4));
            Assert.That(options.ConfigurationProblems, Has.Some.Contains("unknown key 'BatchSise' (did you mean 'BatchSize'?)"));
            Assert.That(options.ConfigurationProblems, Has.Some.Contains("FlushInterval: 'soon' is not a valid duration"));
            Assert.That(options.ConfigurationProblems, Has.Some.Contains("IncludeScopes: 'maybe' is not valid"));
            Assert.That(options.ConfigurationProblems, Has.Some.Contains("Logging:LogFlux:Source expects a single value"));
            Assert.That(options.ClientOptions.IsExplicitlySet("FlushInterval"), Is.False);
            Assert.That(options.ClientOptions.IsExplicitlySet("ApiKey"), Is.False, "an empty value leaves the option to the environment");
            Assert.That(options.IncludeScopes, Is.True);
        });
    }

    [Test]
    public void A_plain_number_counts_the_unit_of_the_options_environment_variable()
    {
        var options = Read(new() { ["InitialDelay"] = "250", ["FlushInterval"] = "5", ["MaxDelay"] = "2m" });

        Assert.That(options.ConfigurationProblems, Is.Empty);
        Assert.That(options.ClientOptions.InitialDelay, Is.EqualTo(TimeSpan.FromMilliseconds(250)));
        Assert.That(options.ClientOptions.FlushInterval, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(options.ClientOptions.MaxDelay, Is.EqualTo(TimeSpan.FromMinutes(2)));
    }

    [Test]
    public void Every_option_is_a_known_key()
    {
        var optionNames = typeof(global::LogFlux.Sinks.LogFluxOptions).GetProperties().Where(p => p.CanWrite && (p.PropertyType.IsValueType || p.PropertyType == typeof(string))).Select(p => p.Name).ToList();

        var options = Read(optionNames.ToDictionary(n => n, _ => (string?)""));

        Assert.That(options.ConfigurationProblems, Is.Empty);
        Assert.That(ConfigurationOptionsSetup.KnownKeys, Is.SupersetOf(optionNames));
    }
}
