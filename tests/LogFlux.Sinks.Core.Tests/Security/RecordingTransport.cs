using System.Collections.Concurrent;
using LogFlux.Sinks.Diagnostics;
using LogFlux.Sinks.Pipeline;
using LogFlux.Sinks.Transport;

namespace LogFlux.Sinks.Core.Tests.Security;

/// <summary>The real transport, remembering every session key it hands out so a test can inspect them after close.</summary>
internal sealed class RecordingTransport : IIngestTransport
{
    private readonly LogFluxTransport _inner;
    private readonly ConcurrentQueue<SessionKey> _keys = new();

    public RecordingTransport(LogFluxOptions options, Action<LogFluxDiagnostic> listener)
    {
        var effective = options.Clone();
        effective.Validate();
        _inner = new LogFluxTransport(effective, new SelfDiagnostics(listener, debug: true), TimeProvider.System);
    }

    public IReadOnlyCollection<SessionKey> Keys => _keys.ToArray();

    public TransportState State => _inner.State;

    public async ValueTask<SessionKey> GetSessionAsync(CancellationToken cancellationToken) =>
        Remember(await _inner.GetSessionAsync(cancellationToken));

    public async ValueTask<SessionKey> RenewSessionAsync(SessionKey rejected, CancellationToken cancellationToken) =>
        Remember(await _inner.RenewSessionAsync(rejected, cancellationToken));

    public Task<IngestResult> SendAsync(SessionKey session, ReadOnlyMemory<byte> body, string boundary, CancellationToken cancellationToken) =>
        _inner.SendAsync(session, body, boundary, cancellationToken);

    public ValueTask DisposeAsync() => _inner.DisposeAsync();

    private SessionKey Remember(SessionKey key)
    {
        if (!_keys.Contains(key)) _keys.Enqueue(key);
        return key;
    }
}
