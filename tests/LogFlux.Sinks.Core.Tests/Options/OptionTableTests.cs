using System.Reflection;
using LogFlux.Sinks.Options;

namespace LogFlux.Sinks.Core.Tests.Options;

/// <summary>The option table: complete, and one grammar for configuration text and environment variables.</summary>
public class OptionTableTests
{
    private static readonly Type[] ValueTypes = [typeof(string), typeof(int), typeof(long), typeof(double), typeof(bool), typeof(TimeSpan), typeof(LogFluxLevel)];

    [Test]
    public void Every_settable_value_property_of_the_options_has_one_row_of_its_type()
    {
        var properties = typeof(LogFluxOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && ValueTypes.Contains(p.PropertyType))
            .ToList();

        Assert.That(OptionTable.All.Select(o => o.Name), Is.EquivalentTo(properties.Select(p => p.Name)).And.Unique);
        var defaults = new LogFluxOptions();
        foreach (var property in properties)
        {
            Assert.That(OptionTable.TryFind(property.Name, out var option), Is.True, property.Name);
            Assert.That(option.Get(defaults), Is.EqualTo(property.GetValue(defaults)), $"{property.Name} reads its own property");
        }
    }

    [Test]
    public void Every_row_sets_its_own_property_and_marks_it_explicit()
    {
        foreach (var option in OptionTable.All)
        {
            var options = new LogFluxOptions();
            Assert.That(option.TryParse(SampleText(option), out var value), Is.True, option.Name);
            option.Set(options, value);
            Assert.That(option.Get(options), Is.EqualTo(value), option.Name);
            Assert.That(options.IsExplicitlySet(option.Name), Is.True, option.Name);
        }
    }

    [Test]
    public void A_plain_number_for_a_duration_counts_the_unit_of_its_environment_variable()
    {
        Assert.That(OptionTable.All.Where(o => o.Kind == OptionKind.Duration).ToDictionary(o => o.Name, o => o.PlainNumberUnit), Is.EqualTo(new Dictionary<string, TimeSpan>
        {
            ["FlushInterval"] = TimeSpan.FromSeconds(1),
            ["InitialDelay"] = TimeSpan.FromMilliseconds(1),
            ["MaxDelay"] = TimeSpan.FromSeconds(1),
            ["HttpTimeout"] = TimeSpan.FromSeconds(1),
            ["ShutdownTimeout"] = TimeSpan.FromSeconds(1),
            ["DiagnosticsInterval"] = TimeSpan.FromSeconds(1),
        }));
    }

    [TestCase("InitialDelay", "LOGFLUX_INITIAL_DELAY", "250", 250)]
    [TestCase("FlushInterval", "LOGFLUX_FLUSH_INTERVAL", "5", 5000)]
    [TestCase("MaxDelay", "LOGFLUX_MAX_DELAY", "1.5", 1500)]
    [TestCase("HttpTimeout", "LOGFLUX_HTTP_TIMEOUT", "7", 7000)]
    [TestCase("ShutdownTimeout", "LOGFLUX_SHUTDOWN_TIMEOUT", "3", 3000)]
    [TestCase("InitialDelay", "LOGFLUX_INITIAL_DELAY", "2s", 2000)]
    [TestCase("FlushInterval", "LOGFLUX_FLUSH_INTERVAL", "250ms", 250)]
    [TestCase("MaxDelay", "LOGFLUX_MAX_DELAY", "2m", 120_000)]
    [TestCase("HttpTimeout", "LOGFLUX_HTTP_TIMEOUT", "00:00:05", 5000)]
    [TestCase("ShutdownTimeout", "LOGFLUX_SHUTDOWN_TIMEOUT", "1h", 3_600_000)]
    public void Configuration_text_and_the_environment_read_a_duration_alike(string option, string variable, string text, double milliseconds)
    {
        var fromText = new LogFluxOptions();
        Assert.That(LogFluxOptionText.TrySet(fromText, option, text, out var problem), Is.True, problem);
        var fromEnvironment = new LogFluxOptions();
        var problems = new List<string>();
        fromEnvironment.ApplyEnvironmentDefaults(name => name == variable ? text : null, problems.Add);

        Assert.That(problems, Is.Empty);
        Assert.That(OptionTable.TryFind(option, out var row), Is.True);
        Assert.That(((TimeSpan)row.Get(fromText)!).TotalMilliseconds, Is.EqualTo(milliseconds).Within(0.001));
        Assert.That(row.Get(fromEnvironment), Is.EqualTo(row.Get(fromText)));
        Assert.That(fromEnvironment.IsExplicitlySet(option), Is.False);
    }

    [TestCase("LOGFLUX_QUEUE_MAX_BYTES", "1MB", 1024L * 1024)]
    [TestCase("LOGFLUX_QUEUE_MAX_BYTES", "128 kb", 128L * 1024)]
    public void Sizes_in_the_environment_accept_units(string variable, string text, long bytes)
    {
        var options = new LogFluxOptions();
        options.ApplyEnvironmentDefaults(name => name == variable ? text : null);

        Assert.That(options.QueueMaxBytes, Is.EqualTo(bytes));
    }

    [Test]
    public void A_bad_duration_names_the_option_the_text_and_what_a_plain_number_means()
    {
        Assert.That(LogFluxOptionText.TrySet(new LogFluxOptions(), "initialDelay", "soon", out var problem), Is.False);
        Assert.That(problem, Is.EqualTo("InitialDelay: 'soon' is not a valid duration; expected a duration such as 250ms, 5s, 2m, 1h or 00:00:05, or a plain number of milliseconds."));

        var problems = new List<string>();
        new LogFluxOptions().ApplyEnvironmentDefaults(name => name == "LOGFLUX_FLUSH_INTERVAL" ? "0" : null, problems.Add);
        Assert.That(problems.Single(), Does.Contain("LOGFLUX_FLUSH_INTERVAL=\"0\"").And.Contain("greater than zero").And.Contain("plain number of seconds"));
    }

    private static string SampleText(OptionDescriptor option) => option.Kind switch
    {
        OptionKind.Size => "2MB",
        OptionKind.Duration => "2s",
        OptionKind.Decimal => "1.5",
        OptionKind.Boolean => option.Get(new LogFluxOptions()) is true ? "false" : "true",
        OptionKind.Level => "warning",
        OptionKind.WholeNumber => "3",
        OptionKind.Url => "https://example.com",
        _ => "text",
    };
}
