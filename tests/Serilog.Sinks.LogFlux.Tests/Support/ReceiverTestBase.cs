using LogFlux.Sinks;
using LogFlux.Sinks.Testing;
using Serilog.Core;
using Serilog.Events;

namespace Serilog.Sinks.LogFlux.Tests.Support;

/// <summary>
/// Base of the end-to-end tests: one <see cref="LogFluxTestServer"/> per fixture, a fresh API key per test (so the
/// shared-client registry never hands one test's client to another), SelfLog captured, LOGFLUX_* variables that
/// could leak in from the machine cleared.
/// </summary>
public abstract class ReceiverTestBase
{
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly List<IDisposable> _cleanup = [];

    protected LogFluxTestServer Server { get; private set; } = null!;

    protected string ApiKey { get; private set; } = null!;

    internal SelfLogCollector SelfLogLines { get; private set; } = null!;

    internal EnvironmentVariables Env { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartServer() => Server = await LogFluxTestServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopServer() => await Server.DisposeAsync();

    [SetUp]
    public void NewTest()
    {
        ApiKey = NewApiKey();
        Server.Clear();
        Server.Faults.Reset();
        SelfLogLines = new SelfLogCollector();
        Env = new EnvironmentVariables()
            .Set("LOGFLUX_API_KEY", null)
            .Set("LOGFLUX_CUSTOM_ENDPOINT_URL", null)
            .Set("LOGFLUX_CUSTOM_ENDPOINT", null);
    }

    [TearDown]
    public void EndTest()
    {
        for (var i = _cleanup.Count - 1; i >= 0; i--) _cleanup[i].Dispose();
        _cleanup.Clear();
        Log.CloseAndFlush();
        SinkFactory.OptionsCreated = null;
        SelfLogLines.Dispose();
        Env.Dispose();
    }

    protected static string NewApiKey() => $"eu-lf_test{Guid.NewGuid():N}";

    /// <summary>A logger writing (at every level) to the receiver through the LogFlux sink, disposed after the test.</summary>
    protected Logger CreateLogger(Func<LoggerConfiguration, LoggerConfiguration>? configure = null, Action<LogFluxSinkOptions>? options = null)
    {
        var configuration = new LoggerConfiguration().MinimumLevel.Verbose();
        configuration = configure?.Invoke(configuration) ?? configuration;
        var logger = configuration.WriteTo.LogFlux(o =>
        {
            ConfigureForServer(o.Client);
            options?.Invoke(o);
        }).CreateLogger();
        return Track(logger);
    }

    protected void ConfigureForServer(LogFluxOptions options)
    {
        options.ApiKey = ApiKey;
        options.CustomEndpointUrl = Server.BaseUrl;
        options.KeyPersistence = false;
        options.FlushInterval = TimeSpan.FromMilliseconds(50);
        options.ShutdownTimeout = TimeSpan.FromSeconds(5);
    }

    protected T Track<T>(T disposable) where T : IDisposable
    {
        _cleanup.Add(disposable);
        return disposable;
    }

    /// <summary>The first entry of this test's API key that matches.</summary>
    protected Task<ReceivedEntry> Receive(Func<ReceivedEntry, bool> predicate)
    {
        var apiKey = ApiKey;
        return Server.WaitForEntryAsync(e => e.ApiKey == apiKey && predicate(e), Wait);
    }

    protected Task<ReceivedEntry> ReceiveMessage(string message) => Receive(e => e.Message == message);

    protected IReadOnlyList<ReceivedEntry> Received() => Server.Entries.Where(e => e.ApiKey == ApiKey).ToList();
}
