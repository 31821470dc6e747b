namespace LogFlux.Sinks.Core.Tests.Options;

public class OptionsValidationTests
{
    private const string Key = "eu-lf_0123456789abcdef9f3a";

    private static LogFluxOptions Valid() => new() { ApiKey = Key };

    private static string Problem(Action<LogFluxOptions> change)
    {
        var options = Valid();
        change(options);
        return Assert.Throws<LogFluxConfigurationException>(options.Validate)!.Message;
    }

    [Test]
    public void Defaults_WithAKey_AreValid()
    {
        Assert.DoesNotThrow(Valid().Validate);
    }

    [Test]
    public void MissingKey_GivesTheExactSdkMessage()
    {
        Assert.That(Assert.Throws<LogFluxConfigurationException>(new LogFluxOptions().Validate)!.Message, Is.EqualTo("API key is required"));
    }

    [Test]
    public void BadKeyRegion_GivesTheExactSdkMessage()
    {
        Assert.That(Problem(o => o.ApiKey = "xx-lf_secretbody123"), Is.EqualTo("Invalid API key region: \"xx\" (expected eu, us, ca, au, or ap)"));
    }

    [Test]
    public void KeyWithWhitespace_IsValid()
    {
        var options = new LogFluxOptions { ApiKey = " " + Key + "\n" };
        Assert.DoesNotThrow(options.Validate);
    }

    [Test]
    public void Messages_NeverContainTheKey()
    {
        string message = Problem(o =>
        {
            o.ApiKey = "eu-xx_supersecretkeybody";
            o.BatchSize = 0;
        });
        Assert.That(message, Does.Not.Contain("supersecret"));
        Assert.That(message, Does.Contain("key must start with lf_"));
    }

    [TestCase("https://ingest.example.com")]
    [TestCase("http://localhost:5080")]
    [TestCase("http://127.0.0.1:8080/")]
    [TestCase("http://[::1]:9000")]
    public void CustomEndpoint_HttpsOrLoopback_IsValid(string url)
    {
        var options = Valid();
        options.CustomEndpointUrl = url;
        Assert.DoesNotThrow(options.Validate);
    }

    [Test]
    public void CustomEndpoint_PlainHttpRemote_IsRefusedWithTheReason()
    {
        string message = Problem(o => o.CustomEndpointUrl = "http://ingest.example.com");
        Assert.That(message, Does.Contain("CustomEndpointUrl"));
        Assert.That(message, Does.Contain("http://ingest.example.com"));
        Assert.That(message, Does.Contain("AllowInsecureTransport"));
        Assert.That(message, Does.Contain("loopback"));
    }

    [Test]
    public void CustomEndpoint_PlainHttpRemote_IsAllowedWhenInsecureTransportIsAllowed()
    {
        var options = Valid();
        options.CustomEndpointUrl = "http://ingest.example.com";
        options.AllowInsecureTransport = true;
        Assert.DoesNotThrow(options.Validate);
    }

    [TestCase("ftp://x.example")]
    [TestCase("ingest.example.com")]
    public void CustomEndpoint_NotHttp_IsRefused(string url)
    {
        Assert.That(Problem(o => o.CustomEndpointUrl = url), Does.Contain("absolute http:// or https://"));
    }

    [Test]
    public void Zone_MustBeARegion()
    {
        Assert.That(Problem(o => o.Zone = "mars"), Does.Contain("Zone \"mars\"").And.Contain("eu, us, ca, au, or ap"));
        var options = Valid();
        options.Zone = "ap";
        Assert.DoesNotThrow(options.Validate);
    }

    private static IEnumerable<TestCaseData> InvalidNumbers()
    {
        yield return Case(o => o.QueueSize = 0, "QueueSize");
        yield return Case(o => o.QueueMaxBytes = 1000, "QueueMaxBytes");
        yield return Case(o => o.BatchSize = 0, "BatchSize");
        yield return Case(o => o.BatchSize = 1001, "BatchSize");
        yield return Case(o => o.WorkerCount = 0, "WorkerCount");
        yield return Case(o => o.WorkerCount = 65, "WorkerCount");
        yield return Case(o => o.MaxRetries = -1, "MaxRetries");
        yield return Case(o => o.FlushInterval = TimeSpan.Zero, "FlushInterval");
        yield return Case(o => o.InitialDelay = TimeSpan.FromSeconds(-1), "InitialDelay");
        yield return Case(o => o.MaxDelay = TimeSpan.Zero, "MaxDelay");
        yield return Case(o => o.BackoffFactor = 1, "BackoffFactor");
        yield return Case(o => o.BackoffFactor = double.NaN, "BackoffFactor");
        yield return Case(o => o.HttpTimeout = TimeSpan.Zero, "HttpTimeout");
        yield return Case(o => o.SampleRate = 1.5, "SampleRate");
        yield return Case(o => o.SampleRate = -0.1, "SampleRate");
        yield return Case(o => o.SampleRate = double.NaN, "SampleRate");
        yield return Case(o => o.KeyRotationDays = -1, "KeyRotationDays");
        yield return Case(o => o.ServerKeyFingerprint = "SHA256:abc", "ServerKeyFingerprint");
        yield return Case(o => o.ServerKeyFingerprint = "MD5:" + new string('a', 64), "ServerKeyFingerprint");
        yield return Case(o => o.ShutdownTimeout = TimeSpan.Zero, "ShutdownTimeout");
        yield return Case(o => o.ProxyAddress = "not a url", "ProxyAddress");
        yield return Case(o => { o.BufferPath = "/tmp/buf"; o.BufferMaxBytes = 1000; }, "BufferMaxBytes");
        yield return Case(o => o.MinimumBreadcrumbLevel = (LogFluxLevel)0, "MinimumBreadcrumbLevel");

        static TestCaseData Case(Action<LogFluxOptions> change, string option) => new TestCaseData(change, option).SetArgDisplayNames(option);
    }

    [TestCaseSource(nameof(InvalidNumbers))]
    public void InvalidValue_NamesTheOption(Action<LogFluxOptions> change, string option)
    {
        Assert.That(Problem(change), Does.StartWith(option));
    }

    [Test]
    public void InvalidValue_MessageShowsValueAndRange()
    {
        Assert.That(Problem(o => o.BatchSize = 5000), Is.EqualTo("BatchSize must be between 1 and 1000 (was 5000)."));
    }

    [Test]
    public void AllProblems_AreReportedTogether()
    {
        string message = Problem(o =>
        {
            o.ApiKey = null;
            o.BatchSize = 0;
            o.WorkerCount = 0;
            o.SampleRate = 2;
        });
        Assert.That(message, Does.StartWith("4 LogFlux options are invalid"));
        Assert.That(message, Does.Contain("API key is required").And.Contain("BatchSize").And.Contain("WorkerCount").And.Contain("SampleRate"));
    }

    [Test]
    public void EdgeValues_AreValid()
    {
        var options = Valid();
        options.QueueSize = 1;
        options.QueueMaxBytes = 64 * 1024;
        options.BatchSize = 1000;
        options.WorkerCount = 64;
        options.MaxRetries = 0;
        options.SampleRate = 0;
        options.MaxBreadcrumbs = -5;
        options.KeyRotationDays = 0;
        options.ServerKeyFingerprint = "SHA256:dffe9bcd2ed8da05be01964bd6ffa2dc384989726f25580ac3fb2f4e678351d0";
        options.ProxyAddress = "http://proxy.local:3128";
        options.BufferPath = "/tmp/b";
        options.BufferMaxBytes = 1024 * 1024;
        Assert.DoesNotThrow(options.Validate);
        Assert.That(options.EffectiveMaxBreadcrumbs, Is.EqualTo(100));
    }
}
