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

    /// <summary>
    /// Acquires the shared client now, so that invalid options are known at start-up. With
    /// <see cref="LogFluxOptions.Failsafe"/> on (the default) a problem disables sending and is returned (the caller
    /// reports it); with it off, the problem throws.
    /// </summary>
    /// <returns>Null when the client is usable (or none is configured here), else the problem.</returns>
    /// <exception cref="LogFluxConfigurationException">The client options are invalid and Failsafe is off.</exception>
    public string? EnsureConfigured()
    {
        if (_explicit is not null || _clientOptions is null) return null;
        try
        {
            Acquire();
            return null;
        }
        catch (LogFluxConfigurationException ex) when (IsFailsafe(_clientOptions))
        {
            return ex.Message;
        }
    }

    /// <summary>Failsafe unless the options or <c>LOGFLUX_FAILSAFE_MODE</c> turn it off.</summary>
    private static bool IsFailsafe(LogFluxOptions options) =>
        options.Failsafe && Environment.GetEnvironmentVariable("LOGFLUX_FAILSAFE_MODE")?.Trim().ToLowerInvariant() is not ("false" or "0" or "no" or "off");

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
