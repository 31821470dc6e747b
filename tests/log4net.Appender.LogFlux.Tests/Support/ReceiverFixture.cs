using LogFlux.Sinks.Testing;

namespace log4net.Appender.LogFlux.Tests.Support;

/// <summary>One receiver per test class, emptied before each test.</summary>
public abstract class ReceiverFixture
{
    protected static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(10);

    protected LogFluxTestServer Server { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartReceiverAsync() => Server = await LogFluxTestServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopReceiverAsync() => await Server.DisposeAsync();

    [SetUp]
    public void ClearReceiver() => Server.Clear();

    /// <summary>Waits for <paramref name="count"/> entries sent with <paramref name="apiKey"/>.</summary>
    protected async Task<IReadOnlyList<ReceivedEntry>> WaitForAsync(string apiKey, int count)
    {
        await Server.WaitForEntryAsync(_ => Server.Entries.Count(e => e.ApiKey == apiKey) >= count, WaitTimeout);
        return Server.Entries.Where(e => e.ApiKey == apiKey).ToList();
    }
}
