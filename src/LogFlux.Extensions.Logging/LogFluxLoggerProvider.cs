using LogFlux.Extensions.Logging.Internal;
using LogFlux.Sinks;
using LogFlux.Sinks.Adapters;
using LogFlux.Sinks.Sharing;
using Microsoft.Extensions.Logging;

namespace LogFlux.Extensions.Logging;

/// <summary>
/// The Microsoft.Extensions.Logging provider of LogFlux (alias <c>LogFlux</c>, so <c>Logging:LogFlux</c> configures
/// it): every <see cref="ILogger"/> event becomes a LogFlux log entry, end-to-end encrypted, through the client's
/// bounded, non-blocking queue. Register it with <c>builder.Logging.AddLogFlux()</c>. Disposing it (the host does
/// at shutdown) flushes what it handed over within <see cref="LogFluxOptions.ShutdownTimeout"/> and releases its
/// client. Its own messages go to the host's logging under <see cref="DiagnosticsCategory"/>, which it never sends.
/// </summary>
[ProviderAlias("LogFlux")]
public sealed class LogFluxLoggerProvider : ILoggerProvider, ISupportExternalScope, IAsyncDisposable
{
    /// <summary>The category of the provider's own messages (configuration problems, client diagnostics); never sent to LogFlux.</summary>
    public const string DiagnosticsCategory = "LogFlux.Extensions.Logging.LogFluxLoggerProvider";

    private readonly HostLog _log;
    private readonly AdapterChannel _channel;
    private readonly AdapterClientBinding _client;
    private int _reportedFailure;

    /// <summary>Creates the provider from options, outside dependency injection (e.g. <c>loggerFactory.AddProvider(...)</c>).</summary>
    /// <param name="options">The options.</param>
    public LogFluxLoggerProvider(LogFluxLoggerOptions options) : this(options, source: null, services: null)
    {
    }

    internal LogFluxLoggerProvider(LogFluxLoggerOptions options, ILogFluxClientSource? source, IServiceProvider? services)
    {
        ArgumentNullException.ThrowIfNull(options);
        _log = new HostLog(services);
        var problems = new List<string>(options.ConfigurationProblems);
        var levels = MelLevelMap.Parse(options.LevelMapping, out var levelError);
        if (levelError is not null) problems.Add($"LevelMapping: {levelError}; the default mapping applies.");
        Levels = levels ?? new MelLevelMap();
        IncludeScopes = options.IncludeScopes;
        ReportAtStartup(problems);
        _channel = new AdapterChannel(_log.Forward, "Logging:LogFlux:ApiKey or LOGFLUX_API_KEY, and services.AddLogFlux() provides no client", nameof(DroppedWithoutClient));
        _client = Bind(options, source);
    }

    /// <summary>Events dropped because the provider had no client (no API key anywhere and no <c>LogFluxSdk.Init</c>, or invalid options); reason <c>no_client</c>.</summary>
    public long DroppedWithoutClient => _channel.Drops.Count;

    /// <summary>The client's counters (queued, sent, dropped by reason, ...), or null while the provider has no client.</summary>
    /// <returns>A snapshot of the statistics.</returns>
    public LogFluxStats? GetStats() => _client.Client?.GetStats();

    internal MelLevelMap Levels { get; }

    internal bool IncludeScopes { get; }

    internal IExternalScopeProvider? ScopeProvider { get; private set; }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new LogFluxLogger(categoryName, this);

    /// <inheritdoc />
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => ScopeProvider = scopeProvider;

    /// <summary>Flushes what the provider handed over (within the client's shutdown timeout) and releases its client.</summary>
    public void Dispose() => ReportIncomplete(_client.Close());

    /// <inheritdoc cref="Dispose"/>
    /// <returns>A task that completes when the provider is closed.</returns>
    public async ValueTask DisposeAsync() => ReportIncomplete(await _client.CloseAsync().ConfigureAwait(false));

    internal LogFluxClient? CurrentClient() => _client.Client;

    internal void CountNoClient() => _client.CountNoClient();

    internal void ReportLogFailure(Exception exception)
    {
        if (Interlocked.Exchange(ref _reportedFailure, 1) == 0) _log.Write(LogLevel.Error, "An event could not be handed to LogFlux; it was not sent (reported once).", exception);
    }

    /// <summary>
    /// The client, in this order: the explicit one, the shared client of an API key set for the provider, the ASP.NET Core
    /// integration's, the shared client of <c>LOGFLUX_API_KEY</c>, the <c>LogFluxSdk.Init</c> one. Invalid options leave
    /// the provider without a client (it drops and counts); the application keeps running.
    /// </summary>
    private AdapterClientBinding Bind(LogFluxLoggerOptions options, ILogFluxClientSource? source)
    {
        if (options.Client is { } client) return AdapterClientBinding.ForClient(client, _channel);
        var clientOptions = options.ClientOptions;
        var ownKey = clientOptions.IsExplicitlySet(nameof(LogFluxOptions.ApiKey)) && !string.IsNullOrWhiteSpace(clientOptions.ApiKey);
        if (!ownKey && source?.Client is not null) return AdapterClientBinding.ForSource(source, clientOptions, _channel);
        try
        {
            return AdapterClientBinding.Open(clientOptions, _channel);
        }
        catch (Exception ex)
        {
            // LogFluxConfigurationException names the option and never contains the key.
            _log.Write(LogLevel.Error, $"{ex.Message} The LogFlux logging provider drops every event (counted as {DropReasons.NoClient}); the application keeps running.");
            return AdapterClientBinding.Unusable(_channel, clientOptions.ShutdownTimeout);
        }
    }

    private void ReportIncomplete(bool complete)
    {
        if (!complete) _log.Write(LogLevel.Warning, $"Not every queued LogFlux entry was delivered within the shutdown timeout ({_client.ShutdownTimeout.TotalSeconds:0.###} s); see the client statistics for drops.");
    }

    private void ReportAtStartup(List<string> problems)
    {
        foreach (var text in problems) _log.Write(LogLevel.Warning, "LogFlux logging configuration: " + text);
    }
}
