using LogFlux.Sinks;
using LogFlux.Sinks.Adapters;
using Microsoft.Extensions.Logging;

namespace LogFlux.Extensions.Logging.Internal;

/// <summary>
/// The provider's hold on its client (see <see cref="LogFluxLoggerOptions"/> for the order in which it is chosen):
/// an explicit client, a lease on the shared client of an API key, the ASP.NET Core integration's client, or the
/// <c>LogFluxSdk.Init</c> client, looked up again until one exists. Invalid options leave it without a client; the
/// provider then drops and counts (reason <c>no_client</c>). Subscribes <see cref="HostLog"/> to the client's diagnostics.
/// </summary>
internal sealed class ClientBinding
{
    private readonly HostLog _log;
    private readonly LogFluxClient? _fixed;
    private readonly ILogFluxClientSource? _source;
    private readonly bool _usesGlobalClient;
    private readonly EventHandler<LogFluxDiagnostic> _forward;
    private readonly object _lock = new();
    private LogFluxClientLease? _lease;
    private LogFluxClient? _subscribed;
    private bool _closed;

    public ClientBinding(LogFluxLoggerOptions options, ILogFluxClientSource? source, HostLog log)
    {
        _log = log;
        _forward = (_, diagnostic) => _log.Forward(diagnostic);
        if (options.Client is { } client)
        {
            _fixed = client;
            Subscribe(client);
            return;
        }

        var clientOptions = options.ClientOptions;
        // Conflicts with an already running shared client are reported to the acquiring side's listener.
        var userListener = clientOptions.DiagnosticListener;
        clientOptions.DiagnosticListener = diagnostic =>
        {
            _log.Forward(diagnostic);
            userListener?.Invoke(diagnostic);
        };
        ShutdownTimeout = clientOptions.ShutdownTimeout;
        var ownKey = clientOptions.IsExplicitlySet(nameof(LogFluxOptions.ApiKey)) && !string.IsNullOrWhiteSpace(clientOptions.ApiKey);
        if (!ownKey && source?.Client is { } integrationClient)
        {
            _source = source;
            Subscribe(integrationClient);
            ReportIgnored(clientOptions, "the client of the ASP.NET Core integration (services.AddLogFlux())");
            return;
        }

        clientOptions.ApplyEnvironmentDefaults(reportInvalid: problem => _log.Write(LogLevel.Warning, problem));
        ShutdownTimeout = clientOptions.ShutdownTimeout;
        if (string.IsNullOrWhiteSpace(clientOptions.ApiKey))
        {
            _usesGlobalClient = true;
            ReportIgnored(clientOptions, "the client set up by LogFluxSdk.Init");
            TryUseGlobalClient();
            return;
        }
        try
        {
            clientOptions.Validate();
            _lease = LogFluxClientRegistry.Acquire(clientOptions);
            Subscribe(_lease.Client);
        }
        catch (Exception ex)
        {
            // LogFluxConfigurationException names the option and never contains the key.
            IsMisconfigured = true;
            _log.Write(LogLevel.Error, $"{ex.Message} The LogFlux logging provider drops every event (counted as {DropReasons.NoClient}); the application keeps running.");
        }
    }

    /// <summary>True when the options were invalid; the provider then never has a client.</summary>
    public bool IsMisconfigured { get; }

    /// <summary>The flush budget at shutdown.</summary>
    public TimeSpan ShutdownTimeout { get; } = TimeSpan.FromSeconds(10);

    /// <summary>True while no client has been found and the <c>LogFluxSdk.Init</c> client is awaited.</summary>
    public bool WaitsForGlobalClient => _usesGlobalClient;

    /// <summary>The client to send to, or null.</summary>
    public LogFluxClient? Client
    {
        get
        {
            if (_fixed is not null) return _fixed;
            if (_source is not null) return _source.Client;
            var lease = Volatile.Read(ref _lease);
            if (lease is not null && !(_usesGlobalClient && lease.Client.IsClosed)) return lease.Client;
            return _usesGlobalClient ? TryUseGlobalClient() : null;
        }
    }

    /// <summary>Flushes what this provider handed over (within the shutdown timeout), then releases the lease.</summary>
    public async ValueTask CloseAsync()
    {
        LogFluxClientLease? lease;
        LogFluxClient? client;
        lock (_lock)
        {
            if (_closed) return;
            _closed = true;
            lease = _lease;
            _lease = null;
            client = _fixed ?? _source?.Client ?? lease?.Client;
        }
        try
        {
            if (client is not null && !client.IsClosed && !await client.FlushAsync(ShutdownTimeout).ConfigureAwait(false))
            {
                _log.Write(LogLevel.Warning, $"Not every queued LogFlux entry was delivered within the shutdown timeout ({ShutdownTimeout.TotalSeconds:0.###} s); see the client statistics for drops.");
            }
        }
        finally
        {
            if (_subscribed is { } subscribed) subscribed.Diagnostic -= _forward;
            if (lease is not null) await lease.DisposeAsync().ConfigureAwait(false);
        }
    }

    private LogFluxClient? TryUseGlobalClient()
    {
        lock (_lock)
        {
            if (_closed) return null;
            if (_lease is { } current && !current.Client.IsClosed) return current.Client;
            var lease = LogFluxClientRegistry.AcquireDefault();
            if (lease is null) return null;
            _lease = lease;
            Subscribe(lease.Client);
            return lease.Client;
        }
    }

    private void Subscribe(LogFluxClient client)
    {
        if (ReferenceEquals(_subscribed, client)) return;
        if (_subscribed is { } previous) previous.Diagnostic -= _forward;
        client.Diagnostic += _forward;
        _subscribed = client;
    }

    private void ReportIgnored(LogFluxOptions options, string what)
    {
        var ignored = LogFluxOptionText.ExplicitSettingsBesidesApiKey(options);
        if (ignored.Count == 0) return;
        _log.Write(LogLevel.Warning, $"No API key is configured for the LogFlux logging provider, so it uses {what}, which keeps its own settings; these options do not apply: {string.Join(", ", ignored)}.");
    }
}
