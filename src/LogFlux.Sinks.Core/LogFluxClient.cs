using LogFlux.Sinks.Context;
using LogFlux.Sinks.Diagnostics;
using LogFlux.Sinks.Pipeline;
using LogFlux.Sinks.Protocol;
using LogFlux.Sinks.Transport;

namespace LogFlux.Sinks;

/// <summary>
/// The LogFlux client: sends logs, metrics, spans, events, audit records and telemetry, end-to-end
/// encrypted, through a bounded background pipeline. Creating it does no network I/O; every send method
/// returns at once and never throws while <see cref="LogFluxOptions.Failsafe"/> is on (the default).
/// Configuration errors (a bad API key, invalid options) always throw
/// <see cref="LogFluxConfigurationException"/> from the constructor. Thread-safe.
/// </summary>
public sealed partial class LogFluxClient : IDisposable, IAsyncDisposable
{
    private readonly LogFluxOptions _options;
    private readonly SelfDiagnostics _diagnostics;
    private readonly GlobalContext _context;
    private readonly IIngestTransport _transport;
    private readonly SendPipeline _pipeline;
    private readonly Func<PendingEntry, bool> _queue;
    private readonly HookRunner _hooks;
    private readonly BreadcrumbRing _breadcrumbs;
    private readonly object _closeLock = new();
    private Task<bool>? _closeTask;

    /// <summary>Creates a client. Options left unset are filled from the <c>LOGFLUX_*</c> environment variables.</summary>
    /// <param name="options">The options; they are copied, later changes have no effect.</param>
    /// <exception cref="LogFluxConfigurationException">The API key or an option is invalid.</exception>
    public LogFluxClient(LogFluxOptions options) : this(options, null)
    {
    }

    internal LogFluxClient(LogFluxOptions options, ClientSeams? seams)
    {
        ArgumentNullException.ThrowIfNull(options);
        var effective = options.Clone();
        var invalidEnvironment = new List<string>();
        effective.ApplyEnvironmentDefaults(seams?.Environment, invalidEnvironment.Add);
        effective.Validate();

        _options = effective;
        TimeProvider = effective.TimeProvider ?? TimeProvider.System;
        _diagnostics = new SelfDiagnostics(effective.DiagnosticListener, effective.Debug);
        _diagnostics.Subscribe(RaiseDiagnostic);
        foreach (var text in invalidEnvironment) _diagnostics.Warn(text);

        _context = effective.CreateGlobalContext();
        Sampler = new Sampler(effective.SampleRate, seams?.Random);
        _hooks = new HookRunner(effective);
        _breadcrumbs = new BreadcrumbRing(effective.MaxBreadcrumbs);
        _transport = seams?.Transport ?? new LogFluxTransport(effective, _diagnostics, TimeProvider);
        _pipeline = new SendPipeline(effective, _transport, new BatchEncoder(_context, effective.EnableCompression), _diagnostics, TimeProvider);
        _queue = seams?.Queue ?? _pipeline.TryEnqueue;
        Lifecycle.ProcessSignalFlush.Add(this);
    }

    /// <summary>Creates a client from the <c>LOGFLUX_*</c> environment variables (<c>LOGFLUX_API_KEY</c> is required).</summary>
    /// <param name="node">Node name; wins over <c>LOGFLUX_NODE</c>.</param>
    /// <returns>The client.</returns>
    /// <exception cref="LogFluxConfigurationException">The API key is missing or invalid, or a value is invalid.</exception>
    public static LogFluxClient FromEnvironment(string? node = null) => new(LogFluxOptions.FromEnvironment(node));

    /// <summary>Self-diagnostic messages of this client (in addition to <see cref="LogFluxOptions.DiagnosticListener"/>).</summary>
    public event EventHandler<LogFluxDiagnostic>? Diagnostic;

    /// <summary>The effective options (a copy; changing it has no effect).</summary>
    internal LogFluxOptions Options => _options;

    internal TimeProvider TimeProvider { get; }

    internal Sampler Sampler { get; }

    internal SelfDiagnostics Diagnostics => _diagnostics;

    /// <summary>True once <see cref="Close"/>, <see cref="CloseAsync"/> or <c>Dispose</c> was called.</summary>
    public bool IsClosed => Volatile.Read(ref _closeTask) is not null || _pipeline.IsClosed;

    /// <summary>
    /// Sends everything queued so far. Returns true when all of it was sent or dropped (counted) before the
    /// timeout, false otherwise. Never throws.
    /// </summary>
    /// <param name="timeout">How long to wait; defaults to <see cref="LogFluxOptions.ShutdownTimeout"/>.</param>
    /// <returns>Whether everything was handled in time.</returns>
    public async Task<bool> FlushAsync(TimeSpan? timeout = null)
    {
        try
        {
            return await _pipeline.FlushAsync(timeout ?? _options.ShutdownTimeout).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _diagnostics.Error("Flush failed", ex);
            return false;
        }
    }

    /// <summary>
    /// Closes the client: later entries are dropped (counted as <c>closed</c>), queued entries are sent
    /// within <see cref="LogFluxOptions.ShutdownTimeout"/>, then the session key is zeroed. Idempotent.
    /// Returns true when nothing was lost.
    /// </summary>
    /// <returns>Whether every queued entry was delivered.</returns>
    public Task<bool> CloseAsync() => CloseWithinAsync(_options.ShutdownTimeout);

    /// <summary>
    /// Closes the client, giving the queued entries at most <paramref name="timeout"/> to be sent (an adapter that
    /// already spent part of its shutdown budget on a flush passes what is left). Idempotent: the first call's
    /// budget applies.
    /// </summary>
    internal Task<bool> CloseWithinAsync(TimeSpan timeout)
    {
        lock (_closeLock)
        {
            return _closeTask ??= CloseCoreAsync(timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout);
        }
    }

    /// <summary>Closes the client and waits (at most about <see cref="LogFluxOptions.ShutdownTimeout"/>). Idempotent.</summary>
    public void Close()
    {
        try
        {
            // Run on the pool so that a caller's synchronisation context cannot deadlock the wait.
            Task.Run(CloseAsync).GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            _diagnostics.Error("Close failed", ex);
        }
    }

    /// <summary>Same as <see cref="Close"/>.</summary>
    public void Dispose() => Close();

    /// <summary>Same as <see cref="CloseAsync"/>.</summary>
    /// <returns>A task that completes when the client is closed.</returns>
    public async ValueTask DisposeAsync() => await CloseAsync().ConfigureAwait(false);

    /// <summary>A snapshot of the client's counters (queued, sent, dropped by reason, sampled out, …).</summary>
    /// <returns>The statistics.</returns>
    public LogFluxStats GetStats() => _pipeline.GetStats();

    /// <inheritdoc />
    public override string ToString() => $"LogFluxClient({ApiKey.Mask(_options.ApiKey)}, source={_context.Source})";

    private async Task<bool> CloseCoreAsync(TimeSpan timeout)
    {
        Lifecycle.ProcessSignalFlush.Remove(this);
        var delivered = false;
        try
        {
            delivered = await _pipeline.CloseAsync(timeout).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _diagnostics.Error("Closing the send pipeline failed", ex);
        }
        try
        {
            await _transport.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _diagnostics.Error("Closing the transport failed", ex);
        }
        return delivered;
    }

    private void RaiseDiagnostic(LogFluxDiagnostic diagnostic) => Diagnostic?.Invoke(this, diagnostic);
}
