using System.Security.Cryptography;
using LogFlux.Sinks.Diagnostics;
using LogFlux.Sinks.Keys;
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
internal sealed class LogFluxTransport : IIngestTransport
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
    public async Task<IngestResult> SendAsync(SessionKey session, ReadOnlyMemory<byte> body, string boundary, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Volatile.Read(ref _disposed) != 0) return IngestResult.NotSent("The transport is closed.");
        if (_configurationError is not null) return IngestResult.NotSent(_configurationError);

        using var request = new HttpRequestMessage(HttpMethod.Post, session.BaseUrl + WireNames.IngestPath);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _apiKey);
        var content = new ReadOnlyMemoryContent(body);
        // Added without validation so that the value goes out exactly as written: unquoted boundary, no charset.
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/mixed; boundary=" + boundary);
        request.Content = content;

        CancellationTokenSource timeoutCts;
        try
        {
            timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        }
        catch (ObjectDisposedException)
        {
            return IngestResult.NotSent("The transport is closed.");
        }
        using (timeoutCts)
        {
            timeoutCts.CancelAfter(_options.HttpTimeout);
            HttpResponseMessage response;
            try
            {
                response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutCts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                return new IngestResult(0, null, DescribeFailure(ex), default, NetworkFailure.NeverReachedServer(ex));
            }
            using (response)
            {
                var status = (int)response.StatusCode;
                var rateLimit = IngestResponse.ParseRateLimit(response.Headers);
                var retryAfter = IngestResponse.ParseRetryAfter(response.Headers, _time.GetUtcNow());
                if (status is >= 200 and < 300) return new IngestResult(status, retryAfter, null, rateLimit);
                byte[] errorBody;
                try
                {
                    errorBody = await BoundedBody.ReadPrefixAsync(response.Content, BoundedBody.ErrorBodyLimit, timeoutCts.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception)
                {
                    errorBody = [];
                }
                return new IngestResult(status, retryAfter, IngestResponse.FormatError(status, errorBody, _apiKey), rateLimit);
            }
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

    private async Task<SessionKey> JoinAsync(SessionKey? rejected, CancellationToken cancellationToken)
    {
        Task<SessionKey> attempt;
        lock (_gate)
        {
            var current = _current;
            if (current is not null && (rejected is null || current.Generation > rejected.Generation)) return current;
            attempt = _inflight ??= StartAttempt(rejected);
        }
        try
        {
            return await attempt.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TransportException)
        {
            throw;
        }
        catch (Exception ex)
        {
            throw new TransportException("Handshake failed: " + ErrorText.Clean(ex.Message, _apiKey), inner: ex);
        }
    }

    /// <summary>Starts one attempt; must be called under <see cref="_gate"/> and stored in <see cref="_inflight"/>.</summary>
    private Task<SessionKey> StartAttempt(SessionKey? replacing) => Task.Run(() => AttemptAsync(replacing, _lifetime.Token));

    private async Task<SessionKey> AttemptAsync(SessionKey? replacing, CancellationToken cancellationToken)
    {
        try
        {
            if (replacing is null && TryUsePersistedKey() is { } persisted) return persisted;
            var baseUrl = replacing?.BaseUrl ?? await ResolveBaseUrlAsync(cancellationToken).ConfigureAwait(false);
            var key = await HandshakeAsync(baseUrl, cancellationToken).ConfigureAwait(false);
            Install(key);
            Persist(key);
            return key;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new TransportException("The transport is closed.");
        }
        catch (TransportException ex)
        {
            RecordFailure(ex, replacing);
            throw;
        }
        catch (Exception ex)
        {
            var wrapped = new TransportException("Handshake failed: " + ErrorText.Clean(ex.Message, _apiKey), inner: ex);
            RecordFailure(wrapped, replacing);
            throw wrapped;
        }
        finally
        {
            lock (_gate) _inflight = null;
        }
    }

    private async Task<string> ResolveBaseUrlAsync(CancellationToken cancellationToken)
    {
        if (_customBaseUrl is not null) return _customBaseUrl;
        var known = Volatile.Read(ref _knownBaseUrl);
        if (known is not null) return known;
        var resolved = await _resolver!.ResolveAsync(cancellationToken).ConfigureAwait(false);
        _diagnostics.Debug($"Ingestor endpoint: {resolved}");
        Volatile.Write(ref _knownBaseUrl, resolved);
        return resolved;
    }

    private async Task<SessionKey> HandshakeAsync(string baseUrl, CancellationToken cancellationToken)
    {
        var result = await _handshake!.HandshakeAsync(baseUrl, cancellationToken).ConfigureAwait(false);
        try
        {
            var key = new SessionKey(result.AesKey, result.KeyId, baseUrl, result.Limits, result.ServerKeyFingerprint, SourceHandshake,
                Interlocked.Increment(ref _generation))
            {
                CreatedAt = _time.GetUtcNow(),
                Nonces = new NonceBudget(0, NonceBudget.BlockSize),
            };
            Interlocked.Increment(ref _handshakes);
            _diagnostics.Info($"Handshake complete with {baseUrl} (key_id {result.KeyId}, server key {result.ServerKeyFingerprint}).");
            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(result.AesKey);
        }
    }

    /// <summary>
    /// At the first attempt: use a valid, trusted, not-yet-due key file (docs/protocol.md#writing-and-loading-the-key-file). A file that is due for
    /// rotation still supplies the endpoint for the new handshake.
    /// </summary>
    private SessionKey? TryUsePersistedKey()
    {
        lock (_gate)
        {
            if (_persistedFileTried || _store is null) return null;
            _persistedFileTried = true;
        }
        var now = _time.GetUtcNow();
        using var content = _store.TryLoad(_options.ServerKeyFingerprint, now);
        if (content is null) return null;
        if (_customBaseUrl is null) Volatile.Write(ref _knownBaseUrl, content.Endpoint);
        if (IsAgeDue(content.CreatedAt, now))
        {
            _diagnostics.Info($"The persisted key (key_id {content.KeyId}) is due for rotation; negotiating a new key.");
            return null;
        }
        var reserved = content.NonceBudgetUsed + NonceBudget.BlockSize;
        if (reserved > NonceBudget.RotationLimit)
        {
            _diagnostics.Info($"The persisted key (key_id {content.KeyId}) has used its nonce budget; negotiating a new key.");
            return null;
        }
        var key = new SessionKey(content.AesKey, content.KeyId, content.Endpoint, content.Limits, content.ServerKeyFingerprint, SourcePersisted,
            Interlocked.Increment(ref _generation))
        {
            CreatedAt = content.CreatedAt,
            Nonces = new NonceBudget(content.NonceBudgetUsed, reserved),
        };
        Install(key);
        // Record the reserved block before any nonce of it is used.
        Persist(key);
        _diagnostics.Info($"Using the persisted key (key_id {key.KeyId}) for {key.BaseUrl}; no handshake needed.");
        return key;
    }

    private void Install(SessionKey key)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var old = _current;
            Volatile.Write(ref _current, key);
            if (old is not null) _retired.Add((old, now));
            for (var i = _retired.Count - 1; i >= 0; i--)
            {
                if (now - _retired[i].RetiredAt < RetiredKeyGrace) continue;
                _retired[i].Key.Dispose();
                _retired.RemoveAt(i);
            }
            _rotationRetryAt = DateTimeOffset.MinValue;
        }
        Volatile.Write(ref _lastError, null);
    }

    private void Persist(SessionKey key)
    {
        if (_store is null) return;
        try
        {
            using var content = new KeyFileContent(_store.Binding, key.BaseUrl, key.KeyId, key.Key, key.CreatedAt, key.ServerKeyFingerprint,
                key.Limits, key.Nonces.Reserved, UserAgent.Value);
            _store.Save(content);
        }
        catch (ObjectDisposedException)
        {
            // The key was replaced and zeroed meanwhile; the newer key writes its own file.
        }
    }

    private void RecordFailure(TransportException failure, SessionKey? replacing)
    {
        Volatile.Write(ref _lastError, failure.Message);
        // A network failure may mean the endpoint moved: discover again next time.
        if (failure.StatusCode is null && _customBaseUrl is null) Volatile.Write(ref _knownBaseUrl, null);
        if (replacing is not null)
        {
            lock (_gate) _rotationRetryAt = _time.GetUtcNow() + RotationRetryDelay * (1 + 0.25 * Math.Clamp(_jitter(), 0, 1));
        }
        // The one line per failure comes from whoever waited for the handshake (the session source, or the background
        // rotation below); the exception with its stack only at Debug.
        _diagnostics.Debug($"Handshake attempt failed{(failure.IsAuthenticationFailure ? $" (API key {ApiKey.Mask(_apiKey)} refused)" : "")}: {failure.Message}", failure);
    }

    private bool IsRotationDue(SessionKey key) =>
        key.Nonces.IsExhausted || IsAgeDue(key.CreatedAt, _time.GetUtcNow());

    private bool IsAgeDue(DateTimeOffset createdAt, DateTimeOffset now) =>
        _options.KeyRotationDays > 0 && createdAt + TimeSpan.FromDays(_options.KeyRotationDays) <= now;

    /// <summary>Negotiates a replacement in the background; callers keep the current key until it is ready.</summary>
    private void StartBackgroundRotation(SessionKey current, string reason)
    {
        if (Volatile.Read(ref _disposed) != 0) return;
        Task<SessionKey> attempt;
        lock (_gate)
        {
            if (_inflight is not null || !ReferenceEquals(_current, current) || _time.GetUtcNow() < _rotationRetryAt) return;
            attempt = _inflight = StartAttempt(current);
        }
        _diagnostics.Info($"Negotiating a new key in the background: the current key (key_id {current.KeyId}) {reason}.");
        // Nobody waits for a background rotation: say here, in one line, that it failed (the current key stays in use).
        attempt.ContinueWith(
            t => _diagnostics.Warn($"Negotiating a new key failed; the current key (key_id {current.KeyId}) stays in use: {t.Exception?.InnerException?.Message}"),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted,
            TaskScheduler.Default);
    }

    private void ThrowIfUnusable()
    {
        if (Volatile.Read(ref _disposed) != 0) throw new TransportException("The transport is closed.");
        if (_configurationError is not null) throw new TransportException(_configurationError);
    }

    private string DescribeFailure(Exception ex)
    {
        if (ex is OperationCanceledException)
        {
            return Volatile.Read(ref _disposed) != 0
                ? "The transport is closed."
                : $"ingest request timed out after {JsonExchange.FormatSeconds(_options.HttpTimeout)}";
        }
        var message = ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message;
        return ErrorText.Clean("ingest request failed: " + message, _apiKey);
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
