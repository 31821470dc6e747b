using System.Security.Cryptography;
using LogFlux.Sinks.Keys;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Transport;

/// <summary>Session keys: the handshake (one attempt at a time), the persisted key file, installation and background rotation.</summary>
internal sealed partial class LogFluxTransport
{
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
}
