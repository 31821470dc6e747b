using Microsoft.Extensions.Options;

namespace LogFlux.Sinks.AspNetCore;

/// <summary>
/// Resolves the client for the middleware and the propagation handler (see
/// <see cref="LogFluxAspNetCoreOptions"/>) and holds the lease on a shared client until the service provider
/// is disposed, which closes (and so flushes) that client when it was the last user. Registered as the
/// <see cref="ILogFluxClientSource"/> of the application, so the logging provider sends through the same client.
/// </summary>
internal sealed class LogFluxClientProvider : ILogFluxClientSource, IDisposable, IAsyncDisposable
{
    private readonly LogFluxClient? _explicit;
    private readonly LogFluxOptions? _clientOptions;
    private readonly object _lock = new();
    private LogFluxClientLease? _lease;
    private bool _failed;
    private bool _disposed;

    public LogFluxClientProvider(IOptions<LogFluxAspNetCoreOptions> options)
    {
        _explicit = options.Value.Client;
        _clientOptions = options.Value.ClientOptions;
    }

    /// <summary>The client, or null when none is configured (or its options were invalid). Never throws.</summary>
    public LogFluxClient? Client
    {
        get
        {
            if (_explicit is not null) return _explicit;
            if (_clientOptions is null) return LogFluxSdk.Client;
            if (Volatile.Read(ref _lease) is { } lease) return lease.Client;
            try
            {
                return Acquire();
            }
            catch (LogFluxConfigurationException)
            {
                return null;
            }
        }
    }

    /// <summary>Acquires the shared client now, so that invalid options fail at start-up.</summary>
    /// <exception cref="LogFluxConfigurationException">The configured client options are invalid.</exception>
    public void EnsureConfigured()
    {
        if (_explicit is null && _clientOptions is not null) Acquire();
    }

    public void Dispose()
    {
        LogFluxClientLease? lease;
        lock (_lock)
        {
            _disposed = true;
            lease = _lease;
            _lease = null;
        }
        lease?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        LogFluxClientLease? lease;
        lock (_lock)
        {
            _disposed = true;
            lease = _lease;
            _lease = null;
        }
        if (lease is not null) await lease.DisposeAsync().ConfigureAwait(false);
    }

    private LogFluxClient? Acquire()
    {
        lock (_lock)
        {
            if (_lease is not null) return _lease.Client;
            if (_disposed || _failed) return null;
            try
            {
                var lease = LogFluxClientRegistry.Acquire(_clientOptions!);
                Volatile.Write(ref _lease, lease);
                return lease.Client;
            }
            catch (LogFluxConfigurationException)
            {
                _failed = true;
                throw;
            }
        }
    }
}
