using LogFlux.Sinks.Testing;

namespace LogFlux.Extensions.Logging.Tests.Support;

/// <summary>One <see cref="LogFluxTestServer"/> per fixture and a fresh API key per test, so entries of one test are never mistaken for another's.</summary>
public abstract class ReceiverTestBase
{
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    protected LogFluxTestServer Server { get; private set; } = null!;

    protected string ApiKey { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartServer() => Server = await LogFluxTestServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopServer() => await Server.DisposeAsync();

    [SetUp]
    public void NewKey() => ApiKey = $"eu-lf_mel{Guid.NewGuid():N}";

    /// <summary>The first entry of this test that matches.</summary>
    protected Task<ReceivedEntry> Receive(Func<ReceivedEntry, bool> predicate)
    {
        var apiKey = ApiKey;
        return Server.WaitForEntryAsync(e => e.ApiKey == apiKey && predicate(e), Wait);
    }

    /// <summary>Everything received for this test so far.</summary>
    protected IReadOnlyList<ReceivedEntry> Received() => Server.Entries.Where(e => e.ApiKey == ApiKey).ToList();

    /// <summary>The <c>Logging</c> section of appsettings.json with a LogFlux section pointing at the receiver.</summary>
    protected string AppSettings(string logFluxExtras = "", string logLevels = "\"Default\": \"Information\"") => $$"""
        {
          "Logging": {
            "LogLevel": { "Default": "Trace" },
            "LogFlux": {
              "LogLevel": { {{logLevels}} },
              "ApiKey": "{{ApiKey}}",
              "CustomEndpointUrl": "{{Server.BaseUrl}}",
              "KeyPersistence": "false",
              "FlushInterval": "50ms",
              "ShutdownTimeout": "10s",
              "Source": "mel-tests"{{logFluxExtras}}
            }
          }
        }
        """;
}
