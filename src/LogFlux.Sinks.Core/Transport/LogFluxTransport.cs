using LogFlux.Sinks.Keys;
using LogFlux.Sinks.Diagnostics;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Transport;

/// <summary>
/// The real <see cref="IIngestTransport"/>: endpoint resolution (custom URL, persisted key file, discovery),
/// the handshake, key persistence and rotation, and the ingest POST, over one <see cref="HttpClient"/>.
/// </summary>
/// <remarks>
/// Key lifetime: a replaced key is not zeroed at once, because a worker may still be encrypting or sending a
/// batch built with it. Replaced keys are kept in a short list and zeroed once they have been retired for
/// <see cref="RetiredKeyGrace"/> (far longer than any request can take) or when the transport is disposed.
/// Network timeouts use wall-clock time; the injected <see cref="TimeProvider"/> drives key ages and timestamps.
/// </remarks>
internal sealed partial class LogFluxTransport : IIngestTransport
{
    /// <summary>How long a replaced key stays usable for batches that were built with it.</summary>
    public static readonly TimeSpan RetiredKeyGrace = TimeSpan.FromMinutes(10);

    /// <summary>Pause after a failed background rotation before the next attempt (plus up to 25 % jitter).</summary>
    public static readonly TimeSpan RotationRetryDelay = TimeSpan.FromSeconds(60);

    private const string SourceHandshake = "handshake";
    private const string SourcePersisted = "persisted";

    private readonly LogFluxOptions _options;
    private readonly SelfDiagnostics _diagnostics;
    private readonly TimeProvider _time;
    private readonly Func<double> _jitter;
    private readonly HttpClient _client;
    private readonly string? _apiKey;
    private readonly string? _configurationError;
    private readonly string? _customBaseUrl;
    private readonly EndpointResolver? _resolver;
    private readonly HandshakeClient? _handshake;
    private readonly KeyFileStore? _store;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly object _gate = new();
    private readonly List<(SessionKey Key, DateTimeOffset RetiredAt)> _retired = [];

    private SessionKey? _current;
    private Task<SessionKey>? _inflight;
    private bool _persistedFileTried;
    private string? _knownBaseUrl;
    private DateTimeOffset _rotationRetryAt = DateTimeOffset.MinValue;
    private long _generation;
    private long _handshakes;
    private string? _lastError;
    private int _disposed;

    /// <summary>Creates the transport. <paramref name="options"/> must already be validated.</summary>
    public LogFluxTransport(LogFluxOptions options, SelfDiagnostics diagnostics, TimeProvider timeProvider, Func<double>? jitter = null)
        : this(options, diagnostics, timeProvider, jitter, discoveryUrls: null)
    {
    }

    /// <summary>Test seam: <paramref name="discoveryUrls"/> maps the region (or zone) to the discovery URLs.</summary>
    internal LogFluxTransport(LogFluxOptions options, SelfDiagnostics diagnostics, TimeProvider timeProvider, Func<double>? jitter,
        Func<string, DiscoveryUrls>? discoveryUrls)
    {
        _options = options;
        _diagnostics = diagnostics;
        _time = timeProvider;
        _jitter = jitter ?? Random.Shared.NextDouble;
        _client = CreateClient(options, diagnostics);
        try
        {
            _apiKey = ApiKey.Validate(options.ApiKey, out var region);
            var zone = string.IsNullOrWhiteSpace(options.Zone) ? null : options.Zone.Trim();
            if (!string.IsNullOrWhiteSpace(options.CustomEndpointUrl)) _customBaseUrl = Endpoint.NormalizeBaseUrl(options.CustomEndpointUrl);
            _resolver = new EndpointResolver(_client, (discoveryUrls ?? DiscoveryUrls.ForRegion)(zone ?? region), _apiKey, diagnostics);
            _handshake = new HandshakeClient(_client, _apiKey, options.HttpTimeout, options.ServerKeyFingerprint, diagnostics);
            if (options.KeyPersistence)
            {
                var endpointId = Endpoint.EndpointId(options.CustomEndpointUrl, region, zone);
                _store = KeyFileStore.Create(options.KeyPersistencePath, _apiKey, endpointId, _customBaseUrl is not null, diagnostics);
            }
        }
        catch (Exception ex)
        {
            _configurationError = "Invalid configuration: " + ErrorText.Clean(ex.Message, options.ApiKey?.Trim());
            _lastError = _configurationError;
            diagnostics.Error(_configurationError);
        }
    }

    /// <summary>The key file path, or null when persistence is off or unavailable.</summary>
    internal string? KeyFilePath => _store?.FilePath;

    /// <summary>Completes when no discovery/handshake attempt is running (never faults).</summary>
    internal Task WhenIdleAsync()
    {
        Task<SessionKey>? attempt;
        lock (_gate) attempt = _inflight;
        return attempt is null
            ? Task.CompletedTask
            : attempt.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <inheritdoc />
    public TransportState State
    {
        get
        {
            var current = Volatile.Read(ref _current);
            return new TransportState(current is not null, Interlocked.Read(ref _handshakes), current?.KeySource,
                current?.ServerKeyFingerprint, Volatile.Read(ref _lastError));
        }
    }

    /// <inheritdoc />
    public async ValueTask<SessionKey> GetSessionAsync(CancellationToken cancellationToken)
    {
        ThrowIfUnusable();
        var current = Volatile.Read(ref _current);
        if (current is null) return await JoinAsync(null, cancellationToken).ConfigureAwait(false);
        if (IsRotationDue(current)) StartBackgroundRotation(current, current.Nonces.IsExhausted ? "its nonce budget is used up" : "it is due for rotation");
        return current;
    }

    /// <inheritdoc />
    public async ValueTask<SessionKey> RenewSessionAsync(SessionKey rejected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        ThrowIfUnusable();
        return await JoinAsync(rejected, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void ReserveNonces(SessionKey session, int count)
    {
        var budget = session.Nonces;
        if (!budget.Add(count)) return;
        if (budget.TryReserveMore(out var extended))
        {
            if (extended && ReferenceEquals(session, Volatile.Read(ref _current))) Persist(session);
        }
        else if (ReferenceEquals(session, Volatile.Read(ref _current)))
        {
            StartBackgroundRotation(session, "its nonce budget is used up");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _lifetime.Cancel();
        Task<SessionKey>? inflight;
        lock (_gate) inflight = _inflight;
        if (inflight is not null)
        {
            try { await inflight.ConfigureAwait(false); }
            catch (Exception) { /* the attempt was cancelled or failed; nothing left to clean up */ }
        }
        _client.Dispose();
        lock (_gate)
        {
            _current?.Dispose();
            foreach (var (key, _) in _retired) key.Dispose();
            _retired.Clear();
        }
        _lifetime.Dispose();
    }

    private void ThrowIfUnusable()
    {
        if (Volatile.Read(ref _disposed) != 0) throw new TransportException("The transport is closed.");
        if (_configurationError is not null) throw new TransportException(_configurationError);
    }

    private static HttpClient CreateClient(LogFluxOptions options, SelfDiagnostics diagnostics)
    {
        try
        {
            return TransportHttpClient.Create(options);
        }
        catch (Exception ex)
        {
            diagnostics.Error("Could not create the HTTP handler (CreateHttpMessageHandler or ProxyAddress); using the default handler.", ex);
            return TransportHttpClient.Create(new LogFluxOptions());
        }
    }
}
