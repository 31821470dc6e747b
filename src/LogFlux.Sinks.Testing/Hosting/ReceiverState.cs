using LogFlux.Sinks.Testing.Crypto;
using LogFlux.Sinks.Testing.State;

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

    public long MaxRequestBytes => Options.MaxRequestSize > 0 ? Options.MaxRequestSize : DefaultMaxRequestBytes;

    public int HandshakeInitCount => Volatile.Read(ref _handshakeInitCount);

    public int HandshakeCompleteCount => Volatile.Read(ref _handshakeCompleteCount);

    /// <summary>Cancelled when the server stops listening; replaced on restart.</summary>
    public CancellationToken Stopping { get; set; }

    public int NextRequestNumber() => Interlocked.Increment(ref _requestCounter);

    public void CountHandshakeInit() => Interlocked.Increment(ref _handshakeInitCount);

    public void CountHandshakeComplete() => Interlocked.Increment(ref _handshakeCompleteCount);
}
