namespace LogFlux.Sinks.Core.Tests.Client;

[NonParallelizable] // The facade is process-wide.
public class FacadeTests
{
    [SetUp]
    [TearDown]
    public void CloseGlobalClient() => LogFluxSdk.Close();

    [Test]
    public void Without_a_client_every_call_is_a_no_op()
    {
        Assert.That(LogFluxSdk.IsInitialized, Is.False);
        Assert.DoesNotThrow(() =>
        {
            LogFluxSdk.Info("nobody listens");
            LogFluxSdk.Counter("c");
            LogFluxSdk.Audit("a", "b", "c", "d");
            LogFluxSdk.CaptureError(new InvalidOperationException());
            LogFluxSdk.AddBreadcrumb("c", "m");
            using var scope = LogFluxSdk.BeginScope();
            scope.SetAttribute("k", "v").Info("ignored");
            using var span = LogFluxSdk.StartSpan("op", "name");
            span.StartChild("child", "c").End();
        });
        Assert.That(LogFluxSdk.Enqueue(new LogEntry(LogFluxLevel.Info, "x", DateTimeOffset.UtcNow)), Is.False);
        Assert.That(LogFluxSdk.GetStats(), Is.Null);
        Assert.That(LogFluxSdk.FlushAsync().Result, Is.True);
    }

    [Test]
    public void A_second_Init_keeps_the_first_client_and_warns()
    {
        var diagnostics = new List<LogFluxDiagnostic>();
        var first = LogFluxSdk.Init(Options(d => diagnostics.Add(d)));
        var second = LogFluxSdk.Init(Options(d => diagnostics.Add(d)));
        Assert.That(second, Is.SameAs(first));
        Assert.That(LogFluxSdk.Client, Is.SameAs(first));
        Assert.That(diagnostics.Count(d => d.Level == LogFluxDiagnosticLevel.Warning && d.Message.Contains("active client is kept")), Is.EqualTo(2),
            "reported to the active client's listener and to the new options' listener");
    }

    [Test]
    public void A_second_Init_without_failsafe_throws()
    {
        LogFluxSdk.Init(Options());
        var options = Options();
        options.Failsafe = false;
        Assert.Throws<InvalidOperationException>(() => LogFluxSdk.Init(options));
    }

    [Test]
    public void Init_works_again_after_Close()
    {
        var first = LogFluxSdk.Init(Options());
        LogFluxSdk.Close();
        Assert.That(first.IsClosed, Is.True);
        Assert.That(LogFluxSdk.IsInitialized, Is.False);
        var second = LogFluxSdk.Init(Options());
        Assert.That(second, Is.Not.SameAs(first));
        Assert.That(LogFluxSdk.IsInitialized, Is.True);
    }

    [Test]
    public void The_facade_and_explicit_clients_share_no_state()
    {
        LogFluxSdk.Init(Options());
        using var explicitClient = new ClientHarness();
        LogFluxSdk.AddBreadcrumb("facade", "f");
        explicitClient.Client.AddBreadcrumb("explicit", "e");
        using var scope = LogFluxSdk.BeginScope();
        using var span = LogFluxSdk.StartSpan("op", "n");

        Assert.That(LogFluxSdk.Client!.GetBreadcrumbs().Select(b => b.Message), Is.EqualTo(new[] { "f" }));
        Assert.That(explicitClient.Client.GetBreadcrumbs().Select(b => b.Message), Is.EqualTo(new[] { "e" }));
        Assert.That(explicitClient.Client.CurrentScope, Is.Null);
        Assert.That(explicitClient.Client.CurrentSpan, Is.Null);
        Assert.That(LogFluxSdk.CurrentSpan, Is.SameAs(span));
    }

    [Test]
    public void A_bad_key_throws_from_Init_and_leaves_no_client()
    {
        var options = Options();
        options.ApiKey = "eu-nope";
        Assert.Throws<LogFluxConfigurationException>(() => LogFluxSdk.Init(options));
        Assert.That(LogFluxSdk.IsInitialized, Is.False);
    }

    private static LogFluxOptions Options(Action<LogFluxDiagnostic>? listener = null)
    {
        var options = ClientHarness.NewOptions();
        options.ShutdownTimeout = TimeSpan.FromSeconds(1);
        options.DiagnosticListener = listener;
        return options;
    }
}
