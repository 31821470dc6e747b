using LogFlux.Sinks.Core.Tests.Client;

namespace LogFlux.Sinks.Core.Tests.Sharing;

[NonParallelizable] // The registry and the facade are process-wide.
public class LogFluxClientRegistryTests
{
    [TearDown]
    public void CloseGlobalClient() => LogFluxSdk.Close();

    [Test]
    public void The_same_key_and_endpoint_share_one_reference_counted_client()
    {
        var first = LogFluxClientRegistry.Acquire(Options(port: 19001));
        var second = LogFluxClientRegistry.Acquire(Options(port: 19001));
        var other = LogFluxClientRegistry.Acquire(Options(port: 19002));
        Assert.That(second.Client, Is.SameAs(first.Client));
        Assert.That(other.Client, Is.Not.SameAs(first.Client));

        first.Dispose();
        first.Dispose();
        Assert.That(second.Client.IsClosed, Is.False, "a lease is released once, and one lease is still held");
        second.Dispose();
        Assert.That(first.Client.IsClosed, Is.True, "the last lease closes the client");
        other.Dispose();
        Assert.That(other.Client.IsClosed, Is.True);

        using var fresh = LogFluxClientRegistry.Acquire(Options(port: 19001));
        Assert.That(fresh.Client, Is.Not.SameAs(first.Client));
    }

    [Test]
    public void Conflicting_settings_are_reported_once()
    {
        var diagnostics = new List<LogFluxDiagnostic>();
        var baseOptions = Options(port: 19003);
        baseOptions.BatchSize = 50;
        using var first = LogFluxClientRegistry.Acquire(baseOptions);
        first.Client.Diagnostic += (_, d) => diagnostics.Add(d);

        var conflicting = Options(port: 19003);
        conflicting.BatchSize = 20;
        using var second = LogFluxClientRegistry.Acquire(conflicting);
        var againConflicting = Options(port: 19003);
        againConflicting.BatchSize = 20;
        using var third = LogFluxClientRegistry.Acquire(againConflicting);
        var agreeing = Options(port: 19003);
        agreeing.BatchSize = 50;
        using var fourth = LogFluxClientRegistry.Acquire(agreeing);

        var warnings = diagnostics.Where(d => d.Level == LogFluxDiagnosticLevel.Warning && d.Message.Contains("shared LogFlux client")).ToList();
        Assert.That(warnings, Has.Count.EqualTo(1));
        Assert.That(warnings[0].Message, Does.Contain("BatchSize: requested 20, in use 50"));
        Assert.That(warnings[0].Message, Does.Not.Contain(ClientHarness.ApiKey));
        Assert.That(second.Client.GetStats().QueueCapacity, Is.EqualTo(first.Client.GetStats().QueueCapacity));
    }

    [Test]
    public void AcquireDefault_wraps_the_global_client_without_owning_it()
    {
        Assert.That(LogFluxClientRegistry.AcquireDefault(), Is.Null);
        var global = LogFluxSdk.Init(Options(port: 19004));
        var lease = LogFluxClientRegistry.AcquireDefault();
        Assert.That(lease, Is.Not.Null);
        Assert.That(lease!.Client, Is.SameAs(global));
        Assert.That(lease.IsGlobalClient, Is.True);
        lease.Dispose();
        Assert.That(global.IsClosed, Is.False);
    }

    [Test]
    public void An_invalid_key_throws_a_configuration_error()
    {
        var options = Options(port: 19005);
        options.ApiKey = "zz-lf_bad";
        Assert.Throws<LogFluxConfigurationException>(() => LogFluxClientRegistry.Acquire(options));
    }

    private static LogFluxOptions Options(int port)
    {
        var options = ClientHarness.NewOptions();
        options.CustomEndpointUrl = $"http://127.0.0.1:{port}";
        options.ShutdownTimeout = TimeSpan.FromSeconds(1);
        return options;
    }
}
