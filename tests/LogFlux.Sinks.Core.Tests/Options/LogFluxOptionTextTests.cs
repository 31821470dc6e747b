using LogFlux.Sinks.Options;

namespace LogFlux.Sinks.Core.Tests.Options;

public class LogFluxOptionTextTests
{
    private const string ValidKey = "eu-lf_0123456789abcdef0123456789abcdef";

    private static LogFluxOptions Set(string option, string? text, out bool ok, out string? problem)
    {
        var options = new LogFluxOptions();
        ok = LogFluxOptionText.TrySet(options, option, text, out problem);
        return options;
    }

    [TestCase("5s", 5000)]
    [TestCase("250ms", 250)]
    [TestCase("500ms", 500)]
    [TestCase("2m", 120_000)]
    [TestCase("1h", 3_600_000)]
    [TestCase("1.5", 1500)]
    [TestCase("00:00:05", 5000)]
    [TestCase("00:00:00.100", 100)]
    [TestCase("00:00:00.250", 250)]
    [TestCase(" 10 S ", 10_000)]
    public void DurationsAcceptUnitsTimeSpansAndSeconds(string text, double milliseconds)
    {
        var options = Set("FlushInterval", text, out var ok, out var problem);

        Assert.That(ok, Is.True, problem);
        Assert.That(problem, Is.Null);
        Assert.That(options.FlushInterval.TotalMilliseconds, Is.EqualTo(milliseconds).Within(0.001));
        Assert.That(options.IsExplicitlySet(nameof(LogFluxOptions.FlushInterval)), Is.True);
    }

    [TestCase("soon")]
    [TestCase("5 parsecs")]
    [TestCase("5 weeks")]
    [TestCase("NaNs")]
    [TestCase("-1s")]
    [TestCase("1e300h")]
    public void BadDurationsAreRejectedWithTheOptionNameTheValueAndAHint(string text)
    {
        var options = Set("FlushInterval", text, out var ok, out var problem);

        Assert.That(ok, Is.False);
        Assert.That(problem, Does.StartWith($"FlushInterval: '{text.Trim()}' is not a valid duration"));
        Assert.That(problem, Does.Contain("5s"));
        Assert.That(options.IsExplicitlySet(nameof(LogFluxOptions.FlushInterval)), Is.False);
    }

    [TestCase("true", true)]
    [TestCase("ON", true)]
    [TestCase("yes", true)]
    [TestCase("1", true)]
    [TestCase("false", false)]
    [TestCase("FALSE", false)]
    [TestCase("off", false)]
    [TestCase("0", false)]
    public void BooleansAcceptTheCommonSpellings(string text, bool expected)
    {
        var options = Set("debug", text, out var ok, out _);

        Assert.That(ok, Is.True);
        Assert.That(options.Debug, Is.EqualTo(expected));
        Assert.That(LogFluxOptionText.TryParseBool(text, out var value), Is.True);
        Assert.That(value, Is.EqualTo(expected));
    }

    [TestCase("4MB", 4L * 1024 * 1024)]
    [TestCase("64 KB", 64L * 1024)]
    [TestCase("1gb", 1024L * 1024 * 1024)]
    [TestCase("1000000", 1_000_000)]
    public void SizesAcceptSuffixes(string text, long expected)
    {
        var options = Set("QueueMaxBytes", text, out var ok, out var problem);

        Assert.That(ok, Is.True, problem);
        Assert.That(options.QueueMaxBytes, Is.EqualTo(expected));
    }

    [TestCase("lots")]
    [TestCase("99999999999GB")]
    public void BadSizesAreRejected(string text)
    {
        Set("BufferMaxBytes", text, out var ok, out var problem);

        Assert.That(ok, Is.False);
        Assert.That(problem, Does.StartWith($"BufferMaxBytes: '{text}' is not valid").And.Contain("MB"));
    }

    [Test]
    public void NumbersUseTheInvariantCulture()
    {
        var options = Set("SampleRate", "0.25", out var ok, out _);
        Assert.That(ok, Is.True);
        Assert.That(options.SampleRate, Is.EqualTo(0.25));

        Set("SampleRate", "0,25", out ok, out var problem);
        Assert.That(ok, Is.False);
        Assert.That(problem, Does.StartWith("SampleRate: '0,25' is not valid"));

        Set("BatchSize", "1,000", out ok, out problem);
        Assert.That(ok, Is.False);
        Assert.That(problem, Does.Contain("BatchSize: '1,000'").And.Contain("whole number"));
    }

    [Test]
    public void RangesAreLeftToValidate()
    {
        var options = Set("BatchSize", "0", out var ok, out _);
        options.ApiKey = ValidKey;

        Assert.That(ok, Is.True, "0 is a whole number");
        var ex = Assert.Throws<LogFluxConfigurationException>(options.Validate);
        Assert.That(ex!.Message, Does.Contain("BatchSize must be between"));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void UnsetValuesAreNeitherParsedNorReportedNorMarkedExplicit(string? text)
    {
        var options = Set("BatchSize", text, out var ok, out var problem);

        Assert.That(ok, Is.True);
        Assert.That(problem, Is.Null);
        Assert.That(options.IsExplicitlySet(nameof(LogFluxOptions.BatchSize)), Is.False);
    }

    [TestCase("Warning", LogFluxLevel.Warning)]
    [TestCase("warn", LogFluxLevel.Warning)]
    [TestCase("INFO", LogFluxLevel.Info)]
    [TestCase("information", LogFluxLevel.Info)]
    [TestCase("3", LogFluxLevel.Critical)]
    [TestCase("6", LogFluxLevel.Notice)]
    public void LevelsAcceptNamesAndNumbers(string text, LogFluxLevel expected)
    {
        var options = Set("MinimumBreadcrumbLevel", text, out var ok, out _);

        Assert.That(ok, Is.True);
        Assert.That(options.MinimumBreadcrumbLevel, Is.EqualTo(expected));
    }

    [TestCase("9")]
    [TestCase("0")]
    [TestCase("loud")]
    public void UnknownLevelsAreRejected(string text)
    {
        Set("MinimumBreadcrumbLevel", text, out var ok, out var problem);

        Assert.That(ok, Is.False);
        Assert.That(problem, Does.Contain($"MinimumBreadcrumbLevel: '{text}' is not a LogFlux level"));
    }

    [Test]
    public void TextOptionsAreTrimmedAndOptionNamesIgnoreCase()
    {
        var options = Set("customendpointurl", "  https://ingest.example.com  ", out var ok, out _);

        Assert.That(ok, Is.True);
        Assert.That(options.CustomEndpointUrl, Is.EqualTo("https://ingest.example.com"));
    }

    [Test]
    public void AnUnknownOptionIsRejectedByName()
    {
        Set("BatchSise", "10", out var ok, out var problem);

        Assert.That(ok, Is.False);
        Assert.That(problem, Does.Contain("'BatchSise' is not a LogFlux option").And.Contain("BatchSize"));
    }

    [Test]
    public void EveryOptionNameCanBeSetAndMarksItExplicit()
    {
        foreach (var name in LogFluxOptionText.OptionNames)
        {
            var options = new LogFluxOptions();
            var text = SampleValue(name);
            Assert.That(LogFluxOptionText.TrySet(options, name, text, out var problem), Is.True, $"{name}: {problem}");
            Assert.That(options.IsExplicitlySet(name), Is.True, name);
        }
        Assert.That(LogFluxOptionText.OptionNames, Has.Count.EqualTo(34).And.Unique);
    }

    [Test]
    public void ExplicitSettingsBesidesTheApiKeyAreListed()
    {
        var options = new LogFluxOptions { ApiKey = "", BatchSize = 10 };
        LogFluxOptionText.TrySet(options, "flushInterval", "1s", out _);
        options.ApplyEnvironmentDefaults(_ => "5");

        Assert.That(LogFluxOptionText.ExplicitSettingsBesidesApiKey(options), Is.EqualTo(new[] { "BatchSize", "FlushInterval" }));
    }

    [Test]
    public void TheApiKeyIsSetTrimmedAndLeftToValidate()
    {
        var options = new LogFluxOptions();
        Assert.That(LogFluxOptionText.TrySet(options, "ApiKey", " " + ValidKey + " ", out var problem), Is.True);
        Assert.That(options.ApiKey, Is.EqualTo(ValidKey));
        Assert.That(problem, Is.Null);
    }

    private static string SampleValue(string option) => option switch
    {
        "QueueMaxBytes" or "BufferMaxBytes" => "1MB",
        "FlushInterval" or "InitialDelay" or "MaxDelay" or "HttpTimeout" or "ShutdownTimeout" or "DiagnosticsInterval" => "2s",
        "BackoffFactor" or "SampleRate" => "0.5",
        "Failsafe" or "EnableCompression" or "Debug" or "KeyPersistence" or "AllowInsecureTransport" => "yes",
        "MinimumBreadcrumbLevel" => "warn",
        "QueueSize" or "BatchSize" or "WorkerCount" or "MaxRetries" or "MaxBreadcrumbs" or "KeyRotationDays" => "3",
        _ => "text",
    };
}
