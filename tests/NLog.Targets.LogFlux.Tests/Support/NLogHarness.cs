using System.Text;
using LogFlux.Sinks.Testing;
using NLog.Common;
using NLog.Config;

namespace NLog.Targets.LogFlux.Tests.Support;

/// <summary>
/// One test's world: a real <see cref="LogFluxTestServer"/>, a distinct API key (so the process-wide client
/// registry never hands one test's client to another), a private <see cref="LogFactory"/> loaded from XML,
/// and the InternalLogger output captured. Disposing shuts NLog down and stops the server.
/// </summary>
internal sealed class NLogHarness : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    public const string Extensions = "<extensions><add assembly='NLog.Targets.LogFlux' /></extensions>";

    private readonly StringBuilder _internal = new();

    private NLogHarness(LogFluxTestServer server)
    {
        Server = server;
        ApiKey = NewApiKey();
        InternalLogger.Reset();
        InternalLogger.LogLevel = LogLevel.Info;
        InternalLogger.InternalEventOccurred += OnInternalEvent;
    }

    public LogFluxTestServer Server { get; }

    public string ApiKey { get; }

    public LogFactory? Factory { get; private set; }

    public string InternalLog
    {
        get { lock (_internal) return _internal.ToString(); }
    }

    public static string NewApiKey() => $"eu-lf_test{Guid.NewGuid():N}";

    public static async Task<NLogHarness> StartAsync() => new(await LogFluxTestServer.StartAsync());

    /// <summary>The attributes every test target needs: its API key, the local server and fast flushing.</summary>
    public string Connection => $"apiKey='{ApiKey}' customEndpointUrl='{Server.BaseUrl}' keyPersistence='false' flushInterval='100ms'";

    /// <summary>A complete NLog.config with one LogFlux target named <c>lf</c> receiving every level.</summary>
    public string Config(string targetAttributes = "", string targetBody = "", string targetsAttributes = "", string nlogAttributes = "", string extensions = Extensions)
        => $"""
            <nlog {nlogAttributes}>
              {extensions}
              <targets {targetsAttributes}>
                <target name='lf' type='LogFlux' {Connection} {targetAttributes}>{targetBody}</target>
              </targets>
              <rules><logger name='*' minlevel='Trace' writeTo='lf' /></rules>
            </nlog>
            """;

    public LogFactory Load(string xml)
    {
        Factory = new LogFactory();
        Factory.Setup().LoadConfigurationFromXml(xml);
        return Factory;
    }

    public LogFactory Load(LoggingConfiguration configuration)
    {
        Factory = new LogFactory();
        Factory.Configuration = configuration;
        return Factory;
    }

    /// <summary>Waits for an entry of this test's API key that matches <paramref name="predicate"/>.</summary>
    public Task<ReceivedEntry> WaitForAsync(Func<ReceivedEntry, bool> predicate)
        => Server.WaitForEntryAsync(e => e.ApiKey == ApiKey && predicate(e), Wait);

    public Task<ReceivedEntry> WaitForMessageAsync(string message) => WaitForAsync(e => e.Message == message);

    public IReadOnlyList<ReceivedEntry> Received => Server.Entries.Where(e => e.ApiKey == ApiKey).ToList();

    public async ValueTask DisposeAsync()
    {
        InternalLogger.InternalEventOccurred -= OnInternalEvent;
        try
        {
            Factory?.Shutdown();
        }
        finally
        {
            InternalLogger.Reset();
            await Server.DisposeAsync();
        }
    }

    private void OnInternalEvent(object? sender, InternalLogEventArgs e)
    {
        lock (_internal)
        {
            _internal.Append(e.Level).Append(' ').Append(e.Message);
            if (e.Exception is not null) _internal.Append(" | ").Append(e.Exception.Message);
            _internal.AppendLine();
        }
    }
}
