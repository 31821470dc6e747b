using System.Collections.Concurrent;
using LogFlux.Sinks.Diagnostics;
using LogFlux.Sinks.Pipeline;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Core.Tests.Pipeline;

/// <summary>A pipeline wired to a scripted transport, a scripted encoder, an observed fake clock and a diagnostics recorder.</summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Longer than anything the tests advance the clock by, and distinct from every backoff delay.</summary>
    public static readonly TimeSpan LongFlush = TimeSpan.FromDays(10);

    /// <param name="configure">Changes to the default test options.</param>
    /// <param name="jitter">The backoff jitter sample.</param>
    /// <param name="limits">The server limits the scripted sessions carry.</param>
    /// <param name="arrange">
    /// Scripts the transport before the senders start (a session hook set after construction races the senders' first request).
    /// </param>
    public PipelineHarness(Action<LogFluxOptions>? configure = null, double jitter = 0.5, ServerLimits limits = default,
                           Action<ScriptedTransport>? arrange = null)
    {
        Options = new LogFluxOptions
        {
            ApiKey = "eu-lf_testkey0123456789",
            WorkerCount = 1,
            BatchSize = 10,
            QueueSize = 1000,
            FlushInterval = TimeSpan.FromSeconds(5),
            DiagnosticsInterval = TimeSpan.FromSeconds(10),
        };
        configure?.Invoke(Options);
        Clock = new ObservedClock();
        Transport = new ScriptedTransport(Clock, limits);
        arrange?.Invoke(Transport);
        Encoder = new ScriptedEncoder();
        Diagnostics = new SelfDiagnostics(d => Messages.Enqueue(d), debug: true);
        Pipeline = new SendPipeline(Options, Transport, Encoder, Diagnostics, Clock, () => jitter);
    }

    public LogFluxOptions Options { get; }
    public ObservedClock Clock { get; }
    public ScriptedTransport Transport { get; }
    public ScriptedEncoder Encoder { get; }
    public SelfDiagnostics Diagnostics { get; }
    public ConcurrentQueue<LogFluxDiagnostic> Messages { get; } = new();
    public SendPipeline Pipeline { get; }

    public DateTimeOffset Now => Clock.GetUtcNow();

    public PendingEntry Entry(LogFluxEntryType type = LogFluxEntryType.Log, LogFluxLevel level = LogFluxLevel.Info, int jsonBytes = 36) =>
        new(type, level, Now, new byte[jsonBytes]);

    /// <summary>Enqueues <paramref name="count"/> info logs and returns them.</summary>
    public List<PendingEntry> Enqueue(int count, LogFluxEntryType type = LogFluxEntryType.Log, LogFluxLevel level = LogFluxLevel.Info)
    {
        var entries = new List<PendingEntry>();
        for (var i = 0; i < count; i++)
        {
            var entry = Entry(type, level);
            Assert.That(Pipeline.TryEnqueue(entry), Is.True, "enqueue");
            entries.Add(entry);
        }
        return entries;
    }

    /// <summary>Starts a flush with a budget the tests never reach, to make the senders send partial batches now.</summary>
    public Task<bool> StartFlush() => Pipeline.FlushAsync(LongFlush);

    public static async Task<T> Within<T>(Task<T> task) => await task.WaitAsync(TestTimeout);

    public static async Task Within(Task task) => await task.WaitAsync(TestTimeout);

    public async ValueTask DisposeAsync() => await Within(Pipeline.CloseAsync(TimeSpan.Zero));

    /// <summary>The delivery ledger balances: every accepted entry has one outcome or is still queued or in flight.</summary>
    public static void AssertBalanced(LogFluxStats stats) => Support.Ledger.AssertBalanced(stats);
}
