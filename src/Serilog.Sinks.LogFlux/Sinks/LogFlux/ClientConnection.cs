using LogFlux.Sinks;
using LogFlux.Sinks.Adapters;
using Serilog.Debugging;

namespace Serilog.Sinks.LogFlux;

/// <summary>
/// A sink's hold on its LogFlux client: the shared client of its API key and endpoint, or, without an API key,
/// the <c>LogFluxSdk.Init</c> client (looked up again until one exists, so the sink may be configured before
/// <c>LogFluxSdk.Init</c> runs). Without any client the sink drops and counts; this is said once through SelfLog.
/// </summary>
internal sealed class ClientConnection : IDisposable, IAsyncDisposable
{
    private readonly bool _usesGlobalClient;
    private LogFluxClientLease? _lease;
    private int _reportedNoClient;
    private int _disposed;

    public ClientConnection(LogFluxOptions options)
    {
        options.ApplyEnvironmentDefaults(reportInvalid: problem => SelfLogForwarder.Configuration(problem));
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            _usesGlobalClient = true;
            var ignored = LogFluxOptionText.ExplicitSettingsBesidesApiKey(options);
            if (ignored.Count > 0)
            {
                SelfLogForwarder.Configuration(
                    $"no API key is configured, so the sink uses the LogFluxSdk.Init client and its settings; these sink options do not apply: {string.Join(", ", ignored)}.");
            }
            TryUseGlobalClient();
            return;
        }

        try
        {
            options.Validate();
            Attach(LogFluxClientRegistry.Acquire(options));
        }
        catch (Exception ex)
        {
            // LogFluxConfigurationException names the option and never contains the key.
            IsMisconfigured = true;
            SelfLogForwarder.Configuration($"{ex.Message} The sink drops every event (counted in LogFluxSinkStatus.NoClientDrops).");
        }
    }

    /// <summary>True when the configuration was invalid; the sink then never has a client.</summary>
    public bool IsMisconfigured { get; }

    /// <summary>The client to send to, or null (the caller counts the drop with <see cref="CountNoClient"/>).</summary>
    public LogFluxClient? Client
    {
        get
        {
            var lease = Volatile.Read(ref _lease);
            if (lease is not null && !(_usesGlobalClient && lease.Client.IsClosed)) return lease.Client;
            return _usesGlobalClient && Volatile.Read(ref _disposed) == 0 ? TryUseGlobalClient() : null;
        }
    }

    public void CountNoClient()
    {
        LogFluxSinkStatus.CountNoClientDrop();
        if (IsMisconfigured || Interlocked.Exchange(ref _reportedNoClient, 1) != 0) return;
        SelfLog.WriteLine("[LogFlux Warning] Serilog sink: no API key is configured (apiKey argument or LOGFLUX_API_KEY) and LogFluxSdk.Init has not been called; events are dropped (reason {0}, counted in LogFluxSinkStatus.NoClientDrops).", DropReasons.NoClient);
    }

    public void Dispose()
    {
        var lease = Detach();
        if (lease is null) return;
        try
        {
            // A lease on the LogFluxSdk.Init client never closes it, so flush what this sink handed over.
            if (lease.IsGlobalClient) WaitFlush(lease.Client);
            lease.Dispose();
        }
        finally
        {
            // Only now: what the close dropped, and why, is reported through SelfLog.
            lease.Client.Diagnostic -= SelfLogForwarder.Forward;
        }
    }

    public async ValueTask DisposeAsync()
    {
        var lease = Detach();
        if (lease is null) return;
        try
        {
            if (lease.IsGlobalClient) await lease.Client.FlushAsync().ConfigureAwait(false);
            await lease.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            lease.Client.Diagnostic -= SelfLogForwarder.Forward;
        }
    }

    private static void WaitFlush(LogFluxClient client)
    {
        try
        {
            // On the pool so that a caller's synchronisation context cannot deadlock the wait.
            Task.Run(() => client.FlushAsync()).GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("[LogFlux Error] Serilog sink: flush failed: {0}", ex.GetType().Name + ": " + ex.Message);
        }
    }

    /// <summary>Takes the lease out of the connection; the SelfLog forwarder stays subscribed until the caller has closed it.</summary>
    private LogFluxClientLease? Detach()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return null;
        return Interlocked.Exchange(ref _lease, null);
    }

    private LogFluxClient? TryUseGlobalClient()
    {
        var global = LogFluxSdk.Client;
        if (global is null || global.IsClosed) return null;
        var current = Volatile.Read(ref _lease);
        if (current is not null && ReferenceEquals(current.Client, global)) return global;
        var lease = LogFluxClientRegistry.AcquireDefault();
        if (lease is null) return null;
        if (Interlocked.CompareExchange(ref _lease, lease, current) != current)
        {
            lease.Dispose();
            return Volatile.Read(ref _lease)?.Client;
        }
        if (current is not null) current.Client.Diagnostic -= SelfLogForwarder.Forward;
        lease.Client.Diagnostic += SelfLogForwarder.Forward;
        Interlocked.Exchange(ref _reportedNoClient, 0);
        return lease.Client;
    }

    private void Attach(LogFluxClientLease lease)
    {
        lease.Client.Diagnostic += SelfLogForwarder.Forward;
        _lease = lease;
    }
}
