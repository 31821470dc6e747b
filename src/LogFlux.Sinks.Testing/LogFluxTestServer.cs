using System.Globalization;
using System.Text;
using LogFlux.Sinks.Protocol;
using LogFlux.Sinks.Testing.Crypto;
using LogFlux.Sinks.Testing.Hosting;
using LogFlux.Sinks.Testing.WebView;
using Microsoft.AspNetCore.Http;

namespace LogFlux.Sinks.Testing;

/// <summary>
/// An in-process, strict, LogFlux-compatible receiver on <c>127.0.0.1</c>: real RSA-OAEP handshake,
/// AES-256-GCM decryption, strict multipart and payload validation, and scriptable faults.
/// Everything it accepted or refused can be inspected and awaited.
/// </summary>
/// <example>
/// <code>
/// await using var server = await LogFluxTestServer.StartAsync();
/// // point the client at server.BaseUrl, log something...
/// var entries = await server.WaitForEntriesAsync(1);
/// </code>
/// </example>
public sealed class LogFluxTestServer : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    private readonly ReceiverState _state;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private KestrelListener? _listener;
    private CancellationTokenSource? _stopping;
    private bool _disposed;

    private LogFluxTestServer(ReceiverState state, int port)
    {
        _state = state;
        Port = port;
    }

    /// <summary>The base URL to configure a client with, e.g. <c>http://127.0.0.1:5123</c> (no trailing slash).</summary>
    public string BaseUrl => "http://127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The live web view's address with its access token (<c>http://127.0.0.1:N/ui/?t=...</c>), or null when
    /// <see cref="LogFluxTestServerOptions.EnableWebView"/> is off.
    /// </summary>
    public string? WebViewUrl => _state.WebViewToken is { } token ? $"{BaseUrl}{WebViewEndpoints.Prefix}/?{WebViewEndpoints.TokenParameter}={token}" : null;

    /// <summary>The TCP port; it stays the same across <see cref="StopAsync"/> and <see cref="RestartAsync"/>.</summary>
    public int Port { get; private set; }

    /// <summary>Whether the server is currently listening.</summary>
    public bool IsRunning => Volatile.Read(ref _listener) is not null;

    /// <summary>The public key announced by the handshake (SPKI PEM, <c>\n</c> line ends).</summary>
    public string PublicKeyPem => _state.RsaKey.PublicKeyPem;

    /// <summary><c>SHA256:</c> + lowercase hex of SHA-256 over the DER SPKI bytes of the public key.</summary>
    public string PublicKeyFingerprint => _state.RsaKey.Fingerprint;

    /// <summary>A snapshot of the accepted entries, in arrival order.</summary>
    public IReadOnlyList<ReceivedEntry> Entries => _state.Store.Entries;

    /// <summary>A snapshot of every HTTP request seen, in the order their outcome was decided.</summary>
    public IReadOnlyList<ReceivedRequest> Requests => _state.Store.Requests;

    /// <summary>Scriptable fault injection.</summary>
    public FaultPlan Faults => _state.Faults;

    /// <summary>Number of successful <c>/v1/handshake/init</c> requests.</summary>
    public int HandshakeInitCount => _state.HandshakeInitCount;

    /// <summary>Number of successful <c>/v1/handshake/complete</c> requests (each created a key id).</summary>
    public int HandshakeCompleteCount => _state.HandshakeCompleteCount;

    /// <summary>Number of key ids the server currently accepts.</summary>
    public int ActiveKeyCount => _state.Keys.Count;

    /// <summary>Starts a server.</summary>
    /// <param name="options">Settings; null uses the defaults (free port, the shared RSA-2048 key, any valid API key).</param>
    /// <param name="ct">Cancels the start.</param>
    /// <returns>The listening server.</returns>
    public static async Task<LogFluxTestServer> StartAsync(LogFluxTestServerOptions? options = null, CancellationToken ct = default)
    {
        options ??= new LogFluxTestServerOptions();
        Validate(options);
        var state = new ReceiverState(options, ServerRsaKey.Create(options.RsaPrivateKeyPem));
        var server = new LogFluxTestServer(state, options.Port);
        try
        {
            await server.ListenAsync(ct).ConfigureAwait(false);
            return server;
        }
        catch
        {
            state.RsaKey.Dispose();
            throw;
        }
    }

    /// <summary>Generates a new RSA-2048 private key (PKCS#8 PEM) for <see cref="LogFluxTestServerOptions.RsaPrivateKeyPem"/>.</summary>
    /// <returns>The PEM text.</returns>
    public static string GenerateRsaPrivateKeyPem() => ServerRsaKey.GeneratePkcs8Pem();

    /// <summary>Makes the server accept <paramref name="keyId"/> with the given 32-byte AES key (e.g. for known-answer vectors).</summary>
    /// <param name="keyId">The key id parts will name in <c>X-LF-Key-ID</c>.</param>
    /// <param name="aesKey">The 32-byte AES-256 key (copied).</param>
    public void RegisterKey(string keyId, byte[] aesKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        ArgumentNullException.ThrowIfNull(aesKey);
        if (aesKey.Length != WireNames.AesKeySize)
        {
            throw new ArgumentException($"The AES key must be {WireNames.AesKeySize} bytes.", nameof(aesKey));
        }

        _state.Keys.Register(keyId, (byte[])aesKey.Clone());
    }

    /// <summary>Makes every known key id unknown: the next ingest using one gets 401.</summary>
    public void RevokeAllKeys() => _state.Keys.ForgetAll();

    /// <summary>Forgets received entries and requests, also in the web view's ring (keys, counters and faults are kept).</summary>
    public void Clear()
    {
        _state.Store.Clear();
        _state.Feed?.Clear();
    }

    /// <summary>Waits until at least <paramref name="count"/> entries have arrived and returns them all.</summary>
    /// <param name="count">The number of entries to wait for.</param>
    /// <param name="timeout">How long to wait; default 10 s.</param>
    /// <returns>A snapshot of all entries (at least <paramref name="count"/>).</returns>
    /// <exception cref="TimeoutException">Not enough entries arrived; the message lists what did arrive.</exception>
    public Task<IReadOnlyList<ReceivedEntry>> WaitForEntriesAsync(int count, TimeSpan? timeout = null)
    {
        return WaitAsync(
            (entries, _) => entries.Count >= count ? entries : null,
            timeout,
            (entries, _) => $"{count} entries; {entries.Count} arrived");
    }

    /// <summary>Waits for the first entry that matches <paramref name="predicate"/> (entries already received count).</summary>
    /// <param name="predicate">The condition.</param>
    /// <param name="timeout">How long to wait; default 10 s.</param>
    /// <returns>The first matching entry.</returns>
    /// <exception cref="TimeoutException">No entry matched; the message lists what did arrive.</exception>
    public Task<ReceivedEntry> WaitForEntryAsync(Func<ReceivedEntry, bool> predicate, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return WaitAsync(
            (entries, _) => entries.FirstOrDefault(predicate),
            timeout,
            (entries, _) => $"a matching entry; {entries.Count} arrived, none matched");
    }

    /// <summary>Waits for the first request that matches <paramref name="predicate"/> (requests already seen count).</summary>
    /// <param name="predicate">The condition.</param>
    /// <param name="timeout">How long to wait; default 10 s.</param>
    /// <returns>The first matching request.</returns>
    /// <exception cref="TimeoutException">No request matched; the message lists what did arrive.</exception>
    public Task<ReceivedRequest> WaitForRequestAsync(Func<ReceivedRequest, bool> predicate, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return WaitAsync(
            (_, requests) => requests.FirstOrDefault(predicate),
            timeout,
            (_, requests) => $"a matching request; {requests.Count} seen, none matched");
    }

    /// <summary>Stops listening (held requests are dropped); keys and received data are kept. Idempotent.</summary>
    /// <returns>A task that completes when the port is closed.</returns>
    public async Task StopAsync()
    {
        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            await StopCoreAsync().ConfigureAwait(false);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Listens again on the same port, with the same RSA key and known key ids (stops first if running).</summary>
    /// <returns>A task that completes when the server listens.</returns>
    public async Task RestartAsync()
    {
        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await StopCoreAsync().ConfigureAwait(false);
            await StartCoreAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops the server and releases its key.</summary>
    /// <returns>A task that completes when the server is stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            await StopCoreAsync().ConfigureAwait(false);
            _state.RsaKey.Dispose();
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops the server and releases its key (blocking).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>A short description: base URL and counts.</summary>
    public override string ToString() =>
        $"LogFluxTestServer {BaseUrl} ({(IsRunning ? "running" : "stopped")}, {Entries.Count} entries, {Requests.Count} requests)";

    private async Task ListenAsync(CancellationToken ct)
    {
        await _lifecycle.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await StartCoreAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    private async Task StartCoreAsync(CancellationToken ct)
    {
        var stopping = new CancellationTokenSource();
        _state.Stopping = stopping.Token;
        try
        {
            var listener = await KestrelListener.StartAsync(Port, HandleAsync, ct).ConfigureAwait(false);
            Port = listener.Port;
            _stopping = stopping;
            Volatile.Write(ref _listener, listener);
        }
        catch
        {
            stopping.Dispose();
            throw;
        }
    }

    private async Task StopCoreAsync()
    {
        var listener = _listener;
        if (listener is null)
        {
            return;
        }

        _stopping?.Cancel();
        await listener.DisposeAsync().ConfigureAwait(false);
        _stopping?.Dispose();
        _stopping = null;
        Volatile.Write(ref _listener, null);
    }

    private Task HandleAsync(HttpContext http)
    {
        if (_state.Feed is { } feed && WebViewEndpoints.Handles(http.Request.Path.Value))
        {
            return WebViewEndpoints.HandleAsync(http, _state, feed, _state.WebViewToken!);
        }

        FaultEndpoint? endpoint = http.Request.Path.Value switch
        {
            WireNames.IngestPath => FaultEndpoint.Ingest,
            WireNames.HandshakeInitPath => FaultEndpoint.HandshakeInit,
            WireNames.HandshakeCompletePath => FaultEndpoint.HandshakeComplete,
            _ => null,
        };
        var fault = endpoint is { } e ? _state.Faults.Next(e) : null;
        return new Exchange(http, _state, endpoint, fault).RunAsync();
    }

    private static void Validate(LogFluxTestServerOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port, nameof(options.Port));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535, nameof(options.Port));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxBatchSize, nameof(options.MaxBatchSize));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxPayloadSize, nameof(options.MaxPayloadSize));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRequestSize, nameof(options.MaxRequestSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.WebViewCapacity, 1, nameof(options.WebViewCapacity));
        if (options.WebViewAccessToken is { } token && (token.Length < 16 || !token.All(char.IsAsciiLetterOrDigit)))
        {
            throw new ArgumentException("The web view access token must be at least 16 ASCII letters or digits.", nameof(options));
        }
    }

    /// <summary>Waits on the store; a timeout names what was awaited (<paramref name="awaited"/>) and lists what arrived.</summary>
    private Task<T> WaitAsync<T>(
        Func<IReadOnlyList<ReceivedEntry>, IReadOnlyList<ReceivedRequest>, T?> probe,
        TimeSpan? timeout,
        Func<IReadOnlyList<ReceivedEntry>, IReadOnlyList<ReceivedRequest>, string> awaited)
        where T : class
    {
        var wait = timeout ?? DefaultWaitTimeout;
        return _state.Store.WaitAsync(
            probe,
            wait,
            (entries, requests) => Describe($"Timed out after {Seconds(wait)} waiting for {awaited(entries, requests)}.", entries, requests));
    }

    private static string Seconds(TimeSpan timeout) => timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private static string Describe(string headline, IReadOnlyList<ReceivedEntry> entries, IReadOnlyList<ReceivedRequest> requests)
    {
        const int MaxLines = 20;
        var text = new StringBuilder(headline);
        text.Append("\nEntries received (").Append(entries.Count).Append("):");
        foreach (var entry in entries.TakeLast(MaxLines))
        {
            text.Append("\n  ").Append(entry);
        }

        text.Append("\nRequests seen (").Append(requests.Count).Append("):");
        foreach (var request in requests.TakeLast(MaxLines))
        {
            text.Append("\n  ").Append(request);
        }

        return text.ToString();
    }
}
