using NLog.Config;
using NLog.Layouts;
using NLog.Targets.LogFlux.Internal;
using NLog.Targets.LogFlux.Tests.Support;

namespace NLog.Targets.LogFlux.Tests.Configuration;

/// <summary>NLog.config values follow the one LogFlux option grammar, and every option of the table is a target setting.</summary>
public sealed class OptionGrammarTests
{
    private static global::LogFlux.Sinks.LogFluxOptions Read(string attributes, out IReadOnlyList<string> errors)
    {
        var config = XmlLoggingConfiguration.CreateFromXmlString(
            $"<nlog>{NLogHarness.Extensions}<targets><target name='lf' type='LogFlux' {attributes} /></targets></nlog>");
        var target = config.FindTargetByName<LogFluxTarget>("lf")!;
        var reader = new OptionReader(layout => layout.Render(LogEventInfo.CreateNullEvent()));
        var options = reader.Read(target.OptionSettings());
        errors = reader.Errors;
        return options;
    }

    [Test]
    public void A_plain_number_counts_the_unit_of_the_options_environment_variable()
    {
        var options = Read("initialDelay='250' flushInterval='5' maxDelay='2m' httpTimeout='00:00:07'", out var errors);

        Assert.That(errors, Is.Empty);
        Assert.That(options.InitialDelay, Is.EqualTo(TimeSpan.FromMilliseconds(250)));
        Assert.That(options.FlushInterval, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(options.MaxDelay, Is.EqualTo(TimeSpan.FromMinutes(2)));
        Assert.That(options.HttpTimeout, Is.EqualTo(TimeSpan.FromSeconds(7)));
    }

    [Test]
    public void A_bad_duration_names_the_option_the_text_and_the_unit_of_a_plain_number()
    {
        Read("initialDelay='soon'", out var errors);

        Assert.That(errors.Single(), Does.StartWith("InitialDelay: 'soon' is not a valid duration").And.Contain("plain number of milliseconds"));
    }

    [Test]
    public void Every_option_of_the_table_is_a_settable_layout_that_the_reader_takes()
    {
        var optionNames = typeof(global::LogFlux.Sinks.LogFluxOptions).GetProperties().Where(p => p.CanWrite && (p.PropertyType.IsValueType || p.PropertyType == typeof(string))).Select(p => p.Name).ToList();
        foreach (var name in optionNames)
        {
            var property = typeof(LogFluxTarget).GetProperty(name);
            Assert.That(property, Is.Not.Null, name);
            Assert.That(property!.PropertyType, Is.EqualTo(typeof(Layout)), name);
            Assert.That(property.CanWrite, Is.True, name);
        }
        Assert.That(new LogFluxTarget().OptionSettings().Select(s => s.Name), Is.EquivalentTo(optionNames));
    }
}
