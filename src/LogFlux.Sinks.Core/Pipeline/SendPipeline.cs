using System.Globalization;
using LogFlux.Sinks.Diagnostics;
using LogFlux.Sinks.Protocol;
using LogFlux.Sinks.Transport;

namespace LogFlux.Sinks.Pipeline;

/// <summary>
/// The client's send pipeline: a bounded priority queue filled by logging threads without blocking, and
/// <c>WorkerCount</c> senders that batch, encode and post entries with retries, rate-limit pauses,
/// re-handshakes, batch splitting and quota blocks. Every accepted entry ends in one outcome of the
/// <see cref="DeliveryLedger"/>, counted and reported; nothing here throws into the caller.
/// </summary>
internal sealed partial class SendPipeline : IAsyncDisposable
{
    private static int s_lastClientId;

    private readonly PipelineSettings _settings;
    private readonly IIngestTransport _transport;
    private readonly IBatchEncoder _encoder;
    private readonly SelfDiagnostics _diagnostics;
    private readonly TimeProvider _time;
    private readonly Func<double> _jitter;
    private readonly string? _apiKey;
    private readonly PriorityEntryQueue _queue;
    private readonly FlushTracker _flush = new();
    private readonly DeliveryLedger _ledger;
    private readonly PipelineCounters _counters = new();
    private readonly ProbeGate _probe = new();
    private readonly QuotaBlocks _quota;
    private readonly RateLimitPause _pause;
    private readonly SessionSource _sessions;
    private readonly NoticeThrottle _failureNotices;
    private readonly NoticeThrottle _queueFullNotices;
    private readonly AsyncSignal _wake = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;
    private readonly ITimer _dropReportTimer;
    private readonly PipelineMetrics _metrics;
    private readonly DurableEntryStore? _store;
    private readonly Func<LogFluxEntry, byte[]> _serialize;

    /// <summary>Creates the pipeline and starts its senders; returns at once (the handshake runs on the senders).</summary>
    /// <param name="options">Queue, batch, retry and diagnostics settings (out-of-range values fall back to defaults).</param>
    /// <param name="transport">Session keys and ingest requests.</param>
    /// <param name="encoder">Builds request bodies.</param>
    /// <param name="diagnostics">Where problems and drop summaries are reported.</param>
    /// <param name="timeProvider">Clock for batching, backoff, pauses and deadlines.</param>
    /// <param name="jitter">Uniform samples in [0, 1) for backoff jitter; defaults to <see cref="Random.Shared"/>.</param>
    public SendPipeline(LogFluxOptions options, IIngestTransport transport, BatchEncoder encoder,
                        SelfDiagnostics diagnostics, TimeProvider timeProvider, Func<double>? jitter = null)
        : this(options, transport, new ProtocolBatchEncoder(encoder), diagnostics, timeProvider, jitter,
               entry => EntryJsonWriter.ToUtf8(entry, encoder.Context))
    {
    }

    /// <summary>Creates the pipeline over any encoder (tests use a scripted one).</summary>
    /// <param name="options">Queue, batch, retry and diagnostics settings (out-of-range values fall back to defaults).</param>
    /// <param name="transport">Session keys and ingest requests.</param>
    /// <param name="encoder">Builds request bodies.</param>
    /// <param name="diagnostics">Where problems and drop summaries are reported.</param>
    /// <param name="timeProvider">Clock for batching, backoff, pauses and deadlines.</param>
    /// <param name="jitter">Uniform samples in [0, 1) for backoff jitter; defaults to <see cref="Random.Shared"/>.</param>
    /// <param name="serialize">
    /// Turns an entry into the JSON stored in the durable buffer (with <see cref="LogFluxOptions.BufferPath"/> set);
    /// defaults to <see cref="EntryJsonWriter.ToUtf8"/> with the options' global context.
    /// </param>
    public SendPipeline(LogFluxOptions options, IIngestTransport transport, IBatchEncoder encoder,
                        SelfDiagnostics diagnostics, TimeProvider timeProvider, Func<double>? jitter = null,
                        Func<LogFluxEntry, byte[]>? serialize = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _settings = PipelineSettings.From(options);
        _apiKey = string.IsNullOrEmpty(options.ApiKey) ? null : options.ApiKey;
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
        _encoder = encoder ?? throw new ArgumentNullException(nameof(encoder));
        _diagnostics = diagnostics ?? throw new ArgumentNullException(nameof(diagnostics));
        _time = timeProvider ?? TimeProvider.System;
        _jitter = jitter ?? Random.Shared.NextDouble;
        _queue = new PriorityEntryQueue(_settings.QueueSize, _settings.QueueMaxBytes, OnEvicted);
        _ledger = new DeliveryLedger(new DropCounters(_diagnostics, _time, _settings.DiagnosticsInterval));
        _quota = new QuotaBlocks(_time);
        _pause = new RateLimitPause(_time);
        _sessions = new SessionSource(_transport, _diagnostics, _time, _jitter);
        _failureNotices = new NoticeThrottle(_time, _settings.DiagnosticsInterval);
        _queueFullNotices = new NoticeThrottle(_time, _settings.DiagnosticsInterval);
        if (QueueBounds.DescribeUnreachable(_settings.QueueSize, _settings.QueueMaxBytes) is { } unreachable) _diagnostics.Warn(unreachable);
        _effectiveBatchSize = _settings.BatchSize;
        ClientId = Interlocked.Increment(ref s_lastClientId).ToString(CultureInfo.InvariantCulture);
        _metrics = new PipelineMetrics(ClientId, GetStats, _ledger.Drops);
        var context = options.CreateGlobalContext();
        _serialize = serialize ?? (entry => EntryJsonWriter.ToUtf8(entry, context));
        if (!string.IsNullOrWhiteSpace(options.BufferPath))
            _store = DurableEntryStore.TryOpen(options.BufferPath, options.BufferMaxBytes, _diagnostics, OnStoreLost);

        // The senders must not inherit the creator's AsyncLocal state (scopes, Activity.Current).
        var suppress = !ExecutionContext.IsFlowSuppressed();
        var flow = suppress ? ExecutionContext.SuppressFlow() : default;
        try
        {
            _workers = new Task[_settings.WorkerCount];
            for (var i = 0; i < _workers.Length; i++) _workers[i] = Task.Run(RunSenderAsync);
            _dropReportTimer = _time.CreateTimer(static state => ((DropCounters)state!).ReportIfDue(force: false),
                                                 _ledger.Drops, _settings.DiagnosticsInterval, _settings.DiagnosticsInterval);
        }
        finally
        {
            if (suppress) flow.Undo();
        }
    }

    /// <summary>Holds new batches back while a batch probes a failing service.</summary>
    internal ProbeGate Probe => _probe;

    /// <summary>Identifies this pipeline in metric tags (<c>logflux.client.id</c>).</summary>
    public string ClientId { get; }

    /// <summary>True once <see cref="CloseAsync"/> was called; later entries are dropped as <c>closed</c>.</summary>
    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>Counts entries dropped before they reached the queue (before_send, validation_error, no_client…).</summary>
    public void CountDrop(string reason, int count = 1)
    {
        try
        {
            _ledger.Drops.Count(string.IsNullOrEmpty(reason) ? DropReasons.SendError : reason, count);
        }
        catch (Exception ex)
        {
            ReportInternalError(ex);
        }
    }

    /// <summary>Counts entries not sent because of sampling (not drops).</summary>
    public void CountSampledOut(int count = 1)
    {
        if (count > 0) _counters.AddSampledOut(count);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await CloseAsync(_settings.ShutdownTimeout).ConfigureAwait(false);

    private void ReportInternalError(Exception ex)
    {
        try
        {
            _diagnostics.Error("Internal error in the send pipeline.", ex);
        }
        catch
        {
            // Diagnostics already swallow listener failures; nothing else can be done here.
        }
    }
}
