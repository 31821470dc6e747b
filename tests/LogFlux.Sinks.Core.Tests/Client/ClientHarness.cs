using System.Text.Json;
using LogFlux.Sinks.Context;
using LogFlux.Sinks.Pipeline;
using LogFlux.Sinks.Protocol;
using LogFlux.Sinks.Transport;
using LogFlux.Sinks.Records;

namespace LogFlux.Sinks.Core.Tests.Client;

/// <summary>
/// A client whose accepted entries are captured in memory instead of being sent, with a transport that
/// never connects and an empty environment.
/// </summary>
internal sealed class ClientHarness : IDisposable
{
    public const string ApiKey = "eu-lf_test_0123456789abcdef";

    private readonly List<PendingEntry> _accepted = new();

    public ClientHarness(Action<LogFluxOptions>? configure = null, Func<double>? random = null, Func<PendingEntry, bool>? accept = null)
    {
        Options = NewOptions();
        Options.DiagnosticListener = d => { lock (Diagnostics) Diagnostics.Add(d); };
        configure?.Invoke(Options);
        Client = new LogFluxClient(Options, new ClientSeams
        {
            Transport = new IdleTransport(),
            Random = random,
            Environment = _ => null,
            Queue = entry =>
            {
                if (accept is not null && !accept(entry)) return false;
                lock (_accepted) _accepted.Add(entry);
                return true;
            },
        });
    }

    public LogFluxOptions Options { get; }

    public LogFluxClient Client { get; }

    public List<LogFluxDiagnostic> Diagnostics { get; } = new();

    public IReadOnlyList<PendingEntry> Accepted
    {
        get { lock (_accepted) return _accepted.ToList(); }
    }

    public PendingEntry Single()
    {
        Assert.That(Accepted, Has.Count.EqualTo(1));
        return Accepted[0];
    }

    /// <summary>The JSON payload of an accepted entry as it would be sent.</summary>
    public JsonElement Json(PendingEntry pending)
    {
        var context = Client.Options.CreateGlobalContext();
        var bytes = pending.Json ?? (pending.Captured is not null ? RecordJson(pending, context) : EntryJsonWriter.ToUtf8(pending.Entry!, context));
        return JsonDocument.Parse(bytes).RootElement.Clone();
    }

    /// <summary>The JSON the sender writes for a captured record.</summary>
    public static byte[] RecordJson(PendingEntry pending, GlobalContext context)
    {
        using var buffer = new PooledBufferWriter(1024);
        using var message = new PooledCharWriter();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, EntryJsonWriter.WriterOptions))
        {
            RecordJsonWriter.WriteRecord(writer, pending.Captured!, context, new LogFlux.Sinks.Protocol.LogFluxAttributeWriter(), message);
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static LogFluxOptions NewOptions() => new()
    {
        ApiKey = ApiKey,
        CustomEndpointUrl = "http://127.0.0.1:9",
        KeyPersistence = false,
        Source = "unit-tests",
        ShutdownTimeout = TimeSpan.FromSeconds(2),
    };

    public void Dispose() => Client.Dispose();

    /// <summary>A transport that never completes a handshake (until cancelled) and accepts every POST.</summary>
    private sealed class IdleTransport : IIngestTransport
    {
        public TransportState State => default;

        public async ValueTask<SessionKey> GetSessionAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new OperationCanceledException(cancellationToken);
        }

        public ValueTask<SessionKey> RenewSessionAsync(SessionKey rejected, CancellationToken cancellationToken) => GetSessionAsync(cancellationToken);

        public Task<IngestResult> SendAsync(SessionKey session, ReadOnlyMemory<byte> body, string boundary, CancellationToken cancellationToken)
            => Task.FromResult(new IngestResult(202, null, null, default));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
