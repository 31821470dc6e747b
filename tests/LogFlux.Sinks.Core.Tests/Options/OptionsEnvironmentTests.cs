namespace LogFlux.Sinks.Core.Tests.Options;

public class OptionsEnvironmentTests
{
    private const string Key = "eu-lf_0123456789abcdef9f3a";

    private static Func<string, string?> Env(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        return name => map.GetValueOrDefault(name);
    }

    [Test]
    public void EveryVariable_FillsItsOption()
    {
        var options = new LogFluxOptions();
        var problems = new List<string>();
        options.ApplyEnvironmentDefaults(Env(
            ("LOGFLUX_API_KEY", Key),
            ("LOGFLUX_ENVIRONMENT", "production"),
            ("LOGFLUX_NODE", "node-1"),
            ("LOGFLUX_SOURCE", "checkout"),
            ("LOGFLUX_RELEASE", "1.2.3"),
            ("LOGFLUX_LOG_GROUP", "group"),
            ("LOGFLUX_CUSTOM_ENDPOINT_URL", "https://a.example"),
            ("LOGFLUX_ZONE", "us"),
            ("LOGFLUX_QUEUE_SIZE", "500"),
            ("LOGFLUX_QUEUE_MAX_BYTES", "1048576"),
            ("LOGFLUX_BATCH_SIZE", "50"),
            ("LOGFLUX_FLUSH_INTERVAL", "2.5"),
            ("LOGFLUX_WORKER_COUNT", "4"),
            ("LOGFLUX_MAX_RETRIES", "0"),
            ("LOGFLUX_INITIAL_DELAY", "250"),
            ("LOGFLUX_MAX_DELAY", "60"),
            ("LOGFLUX_BACKOFF_FACTOR", "1.5"),
            ("LOGFLUX_HTTP_TIMEOUT", "15"),
            ("LOGFLUX_FAILSAFE_MODE", "off"),
            ("LOGFLUX_ENABLE_COMPRESSION", "NO"),
            ("LOGFLUX_SAMPLE_RATE", "0.25"),
            ("LOGFLUX_MAX_BREADCRUMBS", "20"),
            ("LOGFLUX_DEBUG", "Yes"),
            ("LOGFLUX_KEY_PERSISTENCE", "0"),
            ("LOGFLUX_KEY_PERSISTENCE_PATH", "/var/keys"),
            ("LOGFLUX_KEY_ROTATION_DAYS", "30"),
            ("LOGFLUX_SERVER_KEY_FINGERPRINT", "SHA256:dffe9bcd2ed8da05be01964bd6ffa2dc384989726f25580ac3fb2f4e678351d0"),
            ("LOGFLUX_SHUTDOWN_TIMEOUT", "3"),
            ("LOGFLUX_ALLOW_INSECURE_TRANSPORT", "TRUE"),
            ("LOGFLUX_PROXY", "http://proxy:3128"),
            ("LOGFLUX_BUFFER_PATH", "/var/buffer")), problems.Add);

        Assert.That(problems, Is.Empty);
        Assert.Multiple(() =>
        {
            Assert.That(options.ApiKey, Is.EqualTo(Key));
            Assert.That(options.Environment, Is.EqualTo("production"));
            Assert.That(options.Node, Is.EqualTo("node-1"));
            Assert.That(options.Source, Is.EqualTo("checkout"));
            Assert.That(options.Release, Is.EqualTo("1.2.3"));
            Assert.That(options.LogGroup, Is.EqualTo("group"));
            Assert.That(options.CustomEndpointUrl, Is.EqualTo("https://a.example"));
            Assert.That(options.Zone, Is.EqualTo("us"));
            Assert.That(options.QueueSize, Is.EqualTo(500));
            Assert.That(options.QueueMaxBytes, Is.EqualTo(1048576));
            Assert.That(options.BatchSize, Is.EqualTo(50));
            Assert.That(options.FlushInterval, Is.EqualTo(TimeSpan.FromSeconds(2.5)));
            Assert.That(options.WorkerCount, Is.EqualTo(4));
            Assert.That(options.MaxRetries, Is.EqualTo(0));
            Assert.That(options.InitialDelay, Is.EqualTo(TimeSpan.FromMilliseconds(250)));
            Assert.That(options.MaxDelay, Is.EqualTo(TimeSpan.FromSeconds(60)));
            Assert.That(options.BackoffFactor, Is.EqualTo(1.5));
            Assert.That(options.HttpTimeout, Is.EqualTo(TimeSpan.FromSeconds(15)));
            Assert.That(options.Failsafe, Is.False);
            Assert.That(options.EnableCompression, Is.False);
            Assert.That(options.SampleRate, Is.EqualTo(0.25));
            Assert.That(options.MaxBreadcrumbs, Is.EqualTo(20));
            Assert.That(options.Debug, Is.True);
            Assert.That(options.KeyPersistence, Is.False);
            Assert.That(options.KeyPersistencePath, Is.EqualTo("/var/keys"));
            Assert.That(options.KeyRotationDays, Is.EqualTo(30));
            Assert.That(options.ServerKeyFingerprint, Does.StartWith("SHA256:dffe"));
            Assert.That(options.ShutdownTimeout, Is.EqualTo(TimeSpan.FromSeconds(3)));
            Assert.That(options.AllowInsecureTransport, Is.True);
            Assert.That(options.ProxyAddress, Is.EqualTo("http://proxy:3128"));
            Assert.That(options.BufferPath, Is.EqualTo("/var/buffer"));
        });
    }

    [Test]
    public void EnvironmentValues_DoNotMarkOptionsExplicit()
    {
        var options = new LogFluxOptions();
        options.ApplyEnvironmentDefaults(Env(("LOGFLUX_BATCH_SIZE", "50"), ("LOGFLUX_API_KEY", Key)));

        Assert.That(options.BatchSize, Is.EqualTo(50));
        Assert.That(options.IsExplicitlySet(nameof(LogFluxOptions.BatchSize)), Is.False);
        Assert.That(options.IsExplicitlySet(nameof(LogFluxOptions.ApiKey)), Is.False);
    }

    [Test]
    public void ExplicitValues_WinOverTheEnvironment()
    {
        var options = new LogFluxOptions { BatchSize = 10, ApiKey = "us-lf_explicitkey1234", EnableCompression = true };
        options.ApplyEnvironmentDefaults(Env(("LOGFLUX_BATCH_SIZE", "50"), ("LOGFLUX_API_KEY", Key), ("LOGFLUX_ENABLE_COMPRESSION", "false")));

        Assert.That(options.BatchSize, Is.EqualTo(10));
        Assert.That(options.ApiKey, Is.EqualTo("us-lf_explicitkey1234"));
        Assert.That(options.EnableCompression, Is.True);
    }

    [Test]
    public void ExplicitDefaultValue_AlsoWins()
    {
        var options = new LogFluxOptions { BatchSize = 100 };
        options.ApplyEnvironmentDefaults(Env(("LOGFLUX_BATCH_SIZE", "50")));
        Assert.That(options.BatchSize, Is.EqualTo(100));
    }

    [Test]
    public void CustomEndpointUrl_WinsOverCustomEndpoint()
    {
        var options = new LogFluxOptions();
        options.ApplyEnvironmentDefaults(Env(("LOGFLUX_CUSTOM_ENDPOINT", "https://b.example"), ("LOGFLUX_CUSTOM_ENDPOINT_URL", "https://a.example")));
        Assert.That(options.CustomEndpointUrl, Is.EqualTo("https://a.example"));

        var swiftOnly = new LogFluxOptions();
        swiftOnly.ApplyEnvironmentDefaults(Env(("LOGFLUX_CUSTOM_ENDPOINT", "https://b.example")));
        Assert.That(swiftOnly.CustomEndpointUrl, Is.EqualTo("https://b.example"));
    }

    [TestCase("LOGFLUX_BATCH_SIZE", "lots")]
    [TestCase("LOGFLUX_BATCH_SIZE", "0")]
    [TestCase("LOGFLUX_BATCH_SIZE", "1001")]
    [TestCase("LOGFLUX_QUEUE_SIZE", "1.5")]
    [TestCase("LOGFLUX_FLUSH_INTERVAL", "-1")]
    [TestCase("LOGFLUX_INITIAL_DELAY", "soon")]
    [TestCase("LOGFLUX_BACKOFF_FACTOR", "0.5")]
    [TestCase("LOGFLUX_SAMPLE_RATE", "NaN")]
    [TestCase("LOGFLUX_SAMPLE_RATE", "2")]
    [TestCase("LOGFLUX_DEBUG", "maybe")]
    [TestCase("LOGFLUX_ZONE", "EU")]
    [TestCase("LOGFLUX_CUSTOM_ENDPOINT_URL", "ftp://x")]
    [TestCase("LOGFLUX_SERVER_KEY_FINGERPRINT", "SHA256:xyz")]
    [TestCase("LOGFLUX_PROXY", "proxy")]
    [TestCase("LOGFLUX_QUEUE_MAX_BYTES", "10")]
    public void InvalidValue_IsIgnoredAndReportedWithNameAndValue(string name, string value)
    {
        var options = new LogFluxOptions();
        var pristine = new LogFluxOptions();
        var problems = new List<string>();

        options.ApplyEnvironmentDefaults(Env((name, value)), problems.Add);

        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0], Does.Contain(name).And.Contain(value));
        Assert.That(options.ToString(), Is.EqualTo(pristine.ToString()));
        Assert.That(options.EnvironmentProblems, Is.EqualTo(problems));
    }

    [Test]
    public void InvalidApiKey_IsReportedWithoutTheValue()
    {
        var options = new LogFluxOptions();
        var problems = new List<string>();
        options.ApplyEnvironmentDefaults(Env(("LOGFLUX_API_KEY", "zz-lf_topsecretvalue")), problems.Add);

        Assert.That(options.ApiKey, Is.Null);
        Assert.That(problems.Single(), Does.Contain("LOGFLUX_API_KEY").And.Not.Contain("topsecret"));
    }

    [Test]
    public void ThrowingReporter_DoesNotStopLoading()
    {
        var options = new LogFluxOptions();
        options.ApplyEnvironmentDefaults(Env(("LOGFLUX_DEBUG", "maybe"), ("LOGFLUX_BATCH_SIZE", "7")), _ => throw new InvalidOperationException());
        Assert.That(options.BatchSize, Is.EqualTo(7));
    }

    [Test]
    public void BlankValues_AreTreatedAsUnset()
    {
        var options = new LogFluxOptions();
        var problems = new List<string>();
        options.ApplyEnvironmentDefaults(Env(("LOGFLUX_BATCH_SIZE", "  "), ("LOGFLUX_SOURCE", "")), problems.Add);
        Assert.That(problems, Is.Empty);
        Assert.That(options.BatchSize, Is.EqualTo(100));
        Assert.That(options.Source, Is.Null);
    }

    [Test]
    public void FromEnvironment_WithoutKey_Throws()
    {
        var ex = Assert.Throws<LogFluxConfigurationException>(() => LogFluxOptions.FromEnvironment(getVariable: Env()));
        Assert.That(ex!.Message, Is.EqualTo("LOGFLUX_API_KEY environment variable is required"));
    }

    [Test]
    public void FromEnvironment_WithInvalidKey_ThrowsTheSdkMessage()
    {
        var ex = Assert.Throws<LogFluxConfigurationException>(() => LogFluxOptions.FromEnvironment(getVariable: Env(("LOGFLUX_API_KEY", "eu-lf_"))));
        Assert.That(ex!.Message, Is.EqualTo("Invalid API key format: key body is empty"));
    }

    [Test]
    public void FromEnvironment_NodeArgumentWins()
    {
        var options = LogFluxOptions.FromEnvironment("arg-node", Env(("LOGFLUX_API_KEY", " " + Key + "\n"), ("LOGFLUX_NODE", "env-node"), ("LOGFLUX_RELEASE", "9")));

        Assert.That(options.Node, Is.EqualTo("arg-node"));
        Assert.That(options.ApiKey, Is.EqualTo(Key));
        Assert.That(options.Release, Is.EqualTo("9"));
        Assert.That(options.Failsafe, Is.True);
        Assert.DoesNotThrow(options.Validate);
    }

    [Test]
    public void FromEnvironment_WithoutNodeArgument_ReadsLogfluxNode()
    {
        var options = LogFluxOptions.FromEnvironment(null, Env(("LOGFLUX_API_KEY", Key), ("LOGFLUX_NODE", "env-node")));
        Assert.That(options.Node, Is.EqualTo("env-node"));
    }
}
