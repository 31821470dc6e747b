using System.Text.Json.Nodes;

namespace LogFlux.Sinks.Core.Tests.Options;

public class OptionsCopyTests
{
    [Test]
    public void Clone_CopiesValuesDelegatesAndExplicitFlags()
    {
        Func<JsonObject, JsonObject?> hook = o => o;
        Action<LogFluxDiagnostic> listener = _ => { };
        var options = new LogFluxOptions
        {
            ApiKey = "eu-lf_0123456789abcdef",
            BatchSize = 42,
            FlushInterval = TimeSpan.FromSeconds(1),
            BeforeSendLog = hook,
            DiagnosticListener = listener,
            TimeProvider = TimeProvider.System,
        };
        options.ApplyEnvironmentDefaults(name => name == "LOGFLUX_RELEASE" ? "7" : null);

        var copy = options.Clone();

        Assert.That(copy, Is.Not.SameAs(options));
        Assert.That(copy.ApiKey, Is.EqualTo(options.ApiKey));
        Assert.That(copy.BatchSize, Is.EqualTo(42));
        Assert.That(copy.FlushInterval, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(copy.Release, Is.EqualTo("7"));
        Assert.That(copy.BeforeSendLog, Is.SameAs(hook));
        Assert.That(copy.DiagnosticListener, Is.SameAs(listener));
        Assert.That(copy.IsExplicitlySet(nameof(LogFluxOptions.BatchSize)), Is.True);
        Assert.That(copy.IsExplicitlySet(nameof(LogFluxOptions.Release)), Is.False);
    }

    [Test]
    public void Clone_IsIndependent()
    {
        var options = new LogFluxOptions();
        var copy = options.Clone();

        copy.BatchSize = 5;
        options.WorkerCount = 3;

        Assert.That(options.BatchSize, Is.EqualTo(100));
        Assert.That(options.IsExplicitlySet(nameof(LogFluxOptions.BatchSize)), Is.False);
        Assert.That(copy.WorkerCount, Is.EqualTo(2));
        Assert.That(copy.IsExplicitlySet(nameof(LogFluxOptions.WorkerCount)), Is.False);
    }

    [Test]
    public void GlobalContext_SourceFallsBackToNodeThenMachineName()
    {
        Assert.That(new LogFluxOptions { Source = "svc", Node = "n" }.CreateGlobalContext().Source, Is.EqualTo("svc"));
        Assert.That(new LogFluxOptions { Node = "n" }.CreateGlobalContext().Source, Is.EqualTo("n"));
        Assert.That(new LogFluxOptions { Source = " " }.CreateGlobalContext().Source, Is.EqualTo(System.Environment.MachineName));
    }

    [Test]
    public void GlobalContext_CarriesEnvironmentAndRelease()
    {
        var context = new LogFluxOptions { Environment = "production", Release = "1.4.2" }.CreateGlobalContext();
        Assert.That(context.Environment, Is.EqualTo("production"));
        Assert.That(context.Release, Is.EqualTo("1.4.2"));
        var empty = new LogFluxOptions { Environment = "" }.CreateGlobalContext();
        Assert.That(empty.Environment, Is.Null);
        Assert.That(empty.Release, Is.Null);
    }

    [Test]
    public void ToString_MasksTheKey()
    {
        var options = new LogFluxOptions { ApiKey = "eu-lf_supersecretbody9f3a", CustomEndpointUrl = "https://user:pw123@h.example" };
        string text = options.ToString();
        Assert.That(text, Does.Contain("eu-lf_****9f3a"));
        Assert.That(text, Does.Not.Contain("supersecret"));
        Assert.That(text, Does.Not.Contain("pw123"));
    }
}
