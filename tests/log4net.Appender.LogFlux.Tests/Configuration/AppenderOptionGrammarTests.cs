using log4net.Appender.LogFlux.Configuration;
using log4net.Appender.LogFlux.Tests.Support;
using LogFlux.Sinks;

namespace log4net.Appender.LogFlux.Tests.Configuration;

/// <summary>log4net XML values follow the one LogFlux option grammar, and every option of the table is an appender property.</summary>
public sealed class AppenderOptionGrammarTests
{
    [Test]
    public void A_plain_number_counts_the_unit_of_the_options_environment_variable()
    {
        using var env = EnvironmentScope.WithoutLogFluxVariables();
        using var harness = Log4NetHarness.StartRaw("""<initialDelay value="250" /><flushInterval value="5" /><shutdownTimeout value="1500ms" />""");
        var problems = new List<string>();

        var options = AppenderOptionsBuilder.Build(harness.Appender, problems);

        Assert.That(problems, Is.Empty);
        Assert.That(options.InitialDelay, Is.EqualTo(TimeSpan.FromMilliseconds(250)));
        Assert.That(options.FlushInterval, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(options.ShutdownTimeout, Is.EqualTo(TimeSpan.FromMilliseconds(1500)));
    }

    [Test]
    public void A_bad_duration_names_the_option_the_text_and_the_unit_of_a_plain_number()
    {
        var problems = new List<string>();
        AppenderOptionsBuilder.Build(new LogFluxAppender { FlushInterval = "soon" }, problems);

        Assert.That(problems.Single(), Does.StartWith("FlushInterval: 'soon' is not a valid duration").And.Contain("plain number of seconds"));
    }

    [Test]
    public void Every_option_is_a_settable_string_that_the_builder_reads()
    {
        var appender = new LogFluxAppender();
        var options = typeof(LogFluxOptions).GetProperties().Where(p => p.CanWrite && (p.PropertyType.IsValueType || p.PropertyType == typeof(string))).ToList();
        foreach (var option in options)
        {
            var property = typeof(LogFluxAppender).GetProperty(option.Name);
            Assert.That(property, Is.Not.Null, option.Name);
            Assert.That(property!.PropertyType, Is.EqualTo(typeof(string)), option.Name);
            property.SetValue(appender, "x");
        }
        var problems = new List<string>();
        AppenderOptionsBuilder.Build(appender, problems);

        // Every option was read: text options take "x", all others reject it by name.
        var rejected = options.Where(o => o.PropertyType != typeof(string)).Select(o => o.Name);
        Assert.That(problems.Select(p => p[..p.IndexOf(':')]), Is.EquivalentTo(rejected));
    }
}
