using LogFlux.Extensions.Logging.Internal;
using LogFlux.Sinks;
using LogFlux.Sinks.Adapters;
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
    private readonly ClientBinding _client;
    private readonly NoClientDrops _noClient = new();
    private int _reportedFailure;
    private int _disposed;

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
        _client = new ClientBinding(options, source, _log);
        if (_client.IsMisconfigured) _noClient.ClaimReport();
    }

    /// <summary>Events dropped because the provider had no client (no API key anywhere and no <c>LogFluxSdk.Init</c>, or invalid options); reason <c>no_client</c>.</summary>
    public long DroppedWithoutClient => _noClient.Count;

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
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        // On the pool, so that a caller's synchronisation context cannot deadlock the wait.
        Task.Run(() => _client.CloseAsync().AsTask()).GetAwaiter().GetResult();
    }

    /// <inheritdoc cref="Dispose"/>
    /// <returns>A task that completes when the provider is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _client.CloseAsync().ConfigureAwait(false);
    }

    internal LogFluxClient? CurrentClient() => Volatile.Read(ref _disposed) != 0 ? null : _client.Client;

    internal void CountNoClient()
    {
        if (!_noClient.Add() || Volatile.Read(ref _disposed) != 0) return;
        _log.Write(LogLevel.Warning,
            $"No LogFlux API key is configured (Logging:LogFlux:ApiKey or LOGFLUX_API_KEY), services.AddLogFlux() provides no client and LogFluxSdk.Init was not called; events are dropped (counted as {DropReasons.NoClient}).");
    }

    internal void ReportLogFailure(Exception exception)
    {
        if (Interlocked.Exchange(ref _reportedFailure, 1) == 0) _log.Write(LogLevel.Error, "An event could not be handed to LogFlux; it was not sent (reported once).", exception);
    }

    private void ReportAtStartup(List<string> problems)
    {
        foreach (var text in problems) _log.Write(LogLevel.Warning, "LogFlux logging configuration: " + text);
    }
}
