using LogFlux.Sinks;
using LogFlux.Sinks.Testing;

namespace LogFlux.OpenTelemetry.Tests.Support;

/// <summary>One <see cref="LogFluxTestServer"/> per fixture and a fresh API key per test, so entries of one test are never mistaken for another's.</summary>
public abstract class ReceiverTestBase
{
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    protected const int FlushTimeoutMilliseconds = 15_000;

    protected LogFluxTestServer Server { get; private set; } = null!;

    protected string ApiKey { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartServer() => Server = await LogFluxTestServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopServer() => await Server.DisposeAsync();

    [SetUp]
    public void NewTest()
    {
        ApiKey = $"eu-lf_otel{Guid.NewGuid():N}";
        Server.Clear();
        Server.Faults.Reset();
    }

    /// <summary>Sets the exporter up for this test's API key and the receiver.</summary>
    protected void UseReceiver(LogFluxExporterOptions options, string source = "otel-tests")
    {
        options.ClientOptions = ClientOptions(source);
        options.ExportProcessorType = global::OpenTelemetry.ExportProcessorType.Simple;
        options.MetricExportInterval = TimeSpan.FromHours(1);
    }

    protected LogFluxOptions ClientOptions(string source = "otel-tests") => new()
    {
        ApiKey = ApiKey,
        CustomEndpointUrl = Server.BaseUrl,
        KeyPersistence = false,
        FlushInterval = TimeSpan.FromMilliseconds(50),
        ShutdownTimeout = TimeSpan.FromSeconds(5),
        Source = source,
    };

    protected Task<ReceivedEntry> Receive(Func<ReceivedEntry, bool> predicate)
    {
        var apiKey = ApiKey;
        return Server.WaitForEntryAsync(e => e.ApiKey == apiKey && predicate(e), Wait);
    }

    /// <summary>Everything received for this test so far.</summary>
    protected IReadOnlyList<ReceivedEntry> Received() => Server.Entries.Where(e => e.ApiKey == ApiKey).ToList();
}
