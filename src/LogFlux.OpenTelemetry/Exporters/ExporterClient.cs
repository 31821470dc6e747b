using LogFlux.Sinks.Adapters;

namespace LogFlux.OpenTelemetry.Exporters;

/// <summary>
/// An exporter's hold on its LogFlux client (see <see cref="LogFluxExporterOptions"/>): the explicit client, a lease
/// on the shared client of the API key and endpoint, or, without an API key, the <c>LogFluxSdk.Init</c> client
/// (looked up again until one exists, so an exporter may be built before <c>LogFluxSdk.Init</c> runs).
/// </summary>
internal sealed class ExporterClient
{
    private readonly string _signal;
    private readonly LogFluxClient? _explicit;
    private readonly bool _usesGlobalClient;
    private readonly NoClientDrops _noClient = new();
    private LogFluxClientLease? _lease;
    private int _closed;

    /// <exception cref="LogFluxConfigurationException">The API key or another client option is invalid.</exception>
    public ExporterClient(LogFluxExporterOptions options, string signal)
    {
        _signal = signal;
        if (options.Client is { } client)
        {
            _explicit = client;
            return;
        }
        var clientOptions = options.ClientOptions;
        clientOptions.ApplyEnvironmentDefaults();
        if (string.IsNullOrWhiteSpace(clientOptions.ApiKey))
        {
            _usesGlobalClient = true;
            return;
        }
        clientOptions.Validate();
        _lease = LogFluxClientRegistry.Acquire(clientOptions);
    }

    /// <summary>The client to send to, or null (count the drops with <see cref="CountNoClient"/>).</summary>
    public LogFluxClient? Client
    {
        get
        {
            if (Volatile.Read(ref _closed) != 0) return null;
            if (_explicit is not null) return _explicit;
            var lease = Volatile.Read(ref _lease);
            if (lease is not null && !(_usesGlobalClient && lease.Client.IsClosed)) return lease.Client;
            return _usesGlobalClient ? TryUseGlobalClient(lease) : null;
        }
    }

    public void CountNoClient(int count)
    {
        if (count <= 0) return;
        LogFluxExporterStatus.CountNoClientDrops(count);
        for (var i = 0; i < count; i++)
        {
            if (_noClient.Add()) ExporterEventSource.Log.NoClient(_signal);
        }
    }

    /// <summary>Sends what the client has queued, waiting at most <paramref name="timeoutMilliseconds"/> (infinite when -1). Never throws.</summary>
    public bool Flush(int timeoutMilliseconds)
    {
        var client = Client;
        if (client is null) return true;
        return Wait(() => client.FlushAsync(Timeout(timeoutMilliseconds)), timeoutMilliseconds, "a flush");
    }

    /// <summary>
    /// Flushes and lets go of the client within <paramref name="timeoutMilliseconds"/>: the last lease on a shared
    /// client closes it; an explicit or <c>LogFluxSdk.Init</c> client stays open. Never throws.
    /// </summary>
    public bool Close(int timeoutMilliseconds)
    {
        var client = Client;
        if (Interlocked.Exchange(ref _closed, 1) != 0) return true;
        var lease = Interlocked.Exchange(ref _lease, null);
        if (lease is null || lease.IsGlobalClient)
        {
            lease?.Dispose();
            return client is null || Wait(() => client.FlushAsync(Timeout(timeoutMilliseconds)), timeoutMilliseconds, "the shutdown flush");
        }
        // Closing flushes within the client's own shutdown timeout; the exporter waits no longer than its own.
        return Wait(async () =>
        {
            await lease.Client.FlushAsync(Timeout(timeoutMilliseconds)).ConfigureAwait(false);
            await lease.DisposeAsync().ConfigureAwait(false);
            return true;
        }, timeoutMilliseconds, "the shutdown");
    }

    private bool Wait(Func<Task<bool>> work, int timeoutMilliseconds, string what)
    {
        try
        {
            // On the pool, so that a caller's synchronisation context cannot deadlock the wait.
            var task = Task.Run(work);
            if (task.Wait(timeoutMilliseconds < 0 ? System.Threading.Timeout.Infinite : timeoutMilliseconds) && task.Result) return true;
            ExporterEventSource.Log.TimedOut(_signal, what, timeoutMilliseconds);
            return false;
        }
        catch (Exception ex)
        {
            ExporterEventSource.Log.ItemFailed(_signal, ex);
            return false;
        }
    }

    private static TimeSpan? Timeout(int timeoutMilliseconds) =>
        timeoutMilliseconds < 0 ? null : TimeSpan.FromMilliseconds(timeoutMilliseconds);

    private LogFluxClient? TryUseGlobalClient(LogFluxClientLease? current)
    {
        var global = LogFluxSdk.Client;
        if (global is null || global.IsClosed) return null;
        if (current is not null && ReferenceEquals(current.Client, global)) return global;
        var lease = LogFluxClientRegistry.AcquireDefault();
        if (lease is null) return null;
        if (Interlocked.CompareExchange(ref _lease, lease, current) != current)
        {
            lease.Dispose();
            return Volatile.Read(ref _lease)?.Client;
        }
        _noClient.Rearm();
        return lease.Client;
    }
}
