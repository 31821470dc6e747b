using LogFlux.Sinks.Testing;

namespace LogFlux.Sinks.AspNetCore.Tests.Support;

/// <summary>
/// One <see cref="LogFluxTestServer"/> per fixture; a fresh API key per test, so entries of one test are never
/// mistaken for another's; clients created with <see cref="NewClient"/> are closed after the test.
/// </summary>
public abstract class ReceiverTestBase
{
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly List<LogFluxClient> _clients = [];

    protected LogFluxTestServer Server { get; private set; } = null!;

    protected string ApiKey { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartServer() => Server = await LogFluxTestServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopServer() => await Server.DisposeAsync();

    [SetUp]
    public void NewTest()
    {
        ApiKey = $"eu-lf_test{Guid.NewGuid():N}";
        Server.Clear();
    }

    [TearDown]
    public async Task CloseClients()
    {
        foreach (var client in _clients) await client.CloseAsync();
        _clients.Clear();
    }

    protected LogFluxOptions OptionsFor(string source) => new()
    {
        ApiKey = ApiKey,
        CustomEndpointUrl = Server.BaseUrl,
        KeyPersistence = false,
        FlushInterval = TimeSpan.FromMilliseconds(50),
        ShutdownTimeout = TimeSpan.FromSeconds(5),
        Source = source,
    };

    protected LogFluxClient NewClient(string source)
    {
        var client = new LogFluxClient(OptionsFor(source));
        _clients.Add(client);
        return client;
    }

    /// <summary>The first entry of this test that matches.</summary>
    protected Task<ReceivedEntry> Receive(Func<ReceivedEntry, bool> predicate)
    {
        var apiKey = ApiKey;
        return Server.WaitForEntryAsync(e => e.ApiKey == apiKey && predicate(e), Wait);
    }

    protected Task<ReceivedEntry> ReceiveSpan(string source, string operation) =>
        Receive(e => e.Type == "trace" && e.Source == source && e.GetString("operation") == operation);

    /// <summary>Everything received for this test so far.</summary>
    protected IReadOnlyList<ReceivedEntry> Received() => Server.Entries.Where(e => e.ApiKey == ApiKey).ToList();

    /// <summary>Flushes <paramref name="client"/> and fails the test if that does not finish in time.</summary>
    protected static async Task FlushAsync(LogFluxClient client) =>
        Assert.That(await client.FlushAsync(Wait), Is.True, "flush");
}
