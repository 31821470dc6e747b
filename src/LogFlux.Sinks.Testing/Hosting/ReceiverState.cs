using LogFlux.Sinks.Testing.Crypto;
using LogFlux.Sinks.Testing.State;
using LogFlux.Sinks.Testing.WebView;

namespace LogFlux.Sinks.Testing.Hosting;

/// <summary>Everything a request handler needs from its server; lives as long as the server (across restarts).</summary>
internal sealed class ReceiverState(LogFluxTestServerOptions options, ServerRsaKey rsaKey)
{
    /// <summary>Default bound of a request body when no <see cref="LogFluxTestServerOptions.MaxRequestSize"/> is set.</summary>
    public const long DefaultMaxRequestBytes = 64L * 1024 * 1024;

    /// <summary>Bound of a handshake request body.</summary>
    public const long MaxHandshakeBytes = 64 * 1024;

    private int _requestCounter;
    private int _handshakeInitCount;
    private int _handshakeCompleteCount;

    public LogFluxTestServerOptions Options { get; } = options;

    public ServerRsaKey RsaKey { get; } = rsaKey;

    public SessionKeyStore Keys { get; } = new();

    public ReceivedStore Store { get; } = new();

    public FaultPlan Faults { get; } = new();

    /// <summary>The web view's ring and live subscribers; null when the web view is off.</summary>
    public WebViewFeed? Feed { get; } = options.EnableWebView ? new WebViewFeed(options.WebViewCapacity) : null;

    /// <summary>The web view's access token; null when the web view is off.</summary>
    public string? WebViewToken { get; } = options.EnableWebView ? options.WebViewAccessToken ?? NewToken() : null;

    public long MaxRequestBytes => Options.MaxRequestSize > 0 ? Options.MaxRequestSize : DefaultMaxRequestBytes;

    public int HandshakeInitCount => Volatile.Read(ref _handshakeInitCount);

    public int HandshakeCompleteCount => Volatile.Read(ref _handshakeCompleteCount);

    /// <summary>Cancelled when the server stops listening; replaced on restart.</summary>
    public CancellationToken Stopping { get; set; }

    private static string NewToken() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    public int NextRequestNumber() => Interlocked.Increment(ref _requestCounter);

    public void CountHandshakeInit() => Interlocked.Increment(ref _handshakeInitCount);

    public void CountHandshakeComplete() => Interlocked.Increment(ref _handshakeCompleteCount);
}
