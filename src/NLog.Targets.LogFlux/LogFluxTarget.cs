using LogFlux.Sinks;
using LogFlux.Sinks.Adapters;
using LogFlux.Sinks.Sharing;
using NLog.Common;
using NLog.Config;
using NLog.Targets.LogFlux.Internal;

namespace NLog.Targets.LogFlux;

/// <summary>
/// NLog target that sends events to LogFlux, end-to-end encrypted. <c>Write</c> only maps the event and
/// hands it to the LogFlux client's bounded queue (never blocks, never throws); batching, compression,
/// encryption and HTTP happen on the client's background senders. Targets configured with the same API key
/// and endpoint share one client. <c>LogManager.Flush()</c> and <c>LogManager.Shutdown()</c> flush it within
/// <see cref="LogFluxTarget.ShutdownTimeout"/>.
/// </summary>
/// <example>
/// <code>
/// &lt;target name="logflux" type="LogFlux" apiKey="${environment:LOGFLUX_API_KEY}" source="checkout-api" /&gt;
/// </code>
/// </example>
[Target("LogFlux")]
public sealed partial class LogFluxTarget : TargetWithContext
{
    private LogFluxClientLease? _lease;
    private bool _usesDefaultClient;
    private NLogLevelMap _levels = new();
    private TimeSpan _flushTimeout = TimeSpan.FromSeconds(10);
    private IJsonConverter? _json;
    private static readonly DiagnosticOnceFilter s_diagnostics = new();
    private readonly NoClientDrops _noClient = new();
    private EventHandler<LogFluxDiagnostic>? _diagnosticHandler;
    private string _description = "LogFlux target";
    private long _lastFlushStarted = long.MinValue;
    private long _lastFlushEnded = long.MinValue;

    /// <summary>Creates the target with its defaults (message layout <c>${message}</c>, event and scope properties included).</summary>
    public LogFluxTarget()
    {
        Layout = "${message}";
        IncludeEventProperties = true;
        IncludeScopeProperties = true;
    }

    /// <summary>Creates the target with a name.</summary>
    /// <param name="name">The target name.</param>
    public LogFluxTarget(string name) : this()
    {
        Name = name;
    }

    /// <summary>Events dropped because the target had no client (no API key and no <c>LogFluxSdk.Init</c>); reason <c>no_client</c>.</summary>
    public long DroppedWithoutClient => _noClient.Count;

    /// <summary>The client's counters (queued, sent, dropped by reason, ...), or null while the target has no client.</summary>
    /// <returns>A snapshot of the statistics.</returns>
    public LogFluxStats? GetStats() => Volatile.Read(ref _lease)?.Client.GetStats();

    /// <inheritdoc />
    protected override void InitializeTarget()
    {
        base.InitializeTarget();

        var reader = new OptionReader(layout => RenderLogEvent(layout, LogEventInfo.CreateNullEvent()));
        var options = reader.Read(OptionSettings());
        var levels = NLogLevelMap.Parse(reader.Render(LevelMapping, nameof(LevelMapping)), out var levelError);
        if (levelError is not null) reader.AddError(nameof(LevelMapping), levelError);
        if (reader.Errors.Count > 0)
        {
            throw new NLogConfigurationException($"{this}: invalid setting(s): {string.Join("; ", reader.Errors)}");
        }

        _description = ToString();
        // Also set as the options' listener: conflicts with an already running shared client are reported
        // to the acquiring side's listener.
        options.DiagnosticListener = ForwardDiagnostic;
        _levels = levels!;
        _json = TryResolveJsonConverter();
        _noClient.Rearm();

        try
        {
            // Invalid LOGFLUX_* values are reported by the client that is created from these options.
            options.ApplyEnvironmentDefaults();
            _flushTimeout = options.ShutdownTimeout;

            if (string.IsNullOrWhiteSpace(options.ApiKey))
            {
                _usesDefaultClient = true;
                var ignored = LogFluxOptionText.ExplicitSettingsBesidesApiKey(options);
                if (ignored.Count > 0)
                {
                    InternalLogger.Warn(
                        "{0}: no API key is configured, so the target uses the client set up by LogFluxSdk.Init, which keeps its own settings; ignored: {1}",
                        _description,
                        string.Join(", ", ignored));
                }
                Attach(LogFluxClientRegistry.AcquireDefault());
            }
            else
            {
                _usesDefaultClient = false;
                options.Validate();
                Attach(LogFluxClientRegistry.Acquire(options));
            }
        }
        catch (LogFluxConfigurationException ex)
        {
            throw new NLogConfigurationException($"{this}: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    protected override void Write(LogEventInfo logEvent)
    {
        try
        {
            var level = _levels.Map(logEvent.Level);
            if (level is null) return;

            var client = CurrentClient();
            if (client is null)
            {
                if (_noClient.Add()) ReportNoClient();
                return;
            }

            var traceId = TraceId is null ? null : RenderLogEvent(TraceId, logEvent);
            var spanId = SpanId is null ? null : RenderLogEvent(SpanId, logEvent);
            var message = RenderLogEvent(Layout, logEvent);
            var properties = GetAllProperties(logEvent);
            client.Enqueue(LogEventMapper.ToRecord(logEvent, level.Value, message, properties, traceId, spanId, _json));
        }
        catch (Exception ex)
        {
            InternalLogger.Error(ex, "{0}: could not convert an event; it was not sent", this);
        }
    }

    /// <inheritdoc />
    protected override void FlushAsync(AsyncContinuation asyncContinuation)
    {
        var client = Volatile.Read(ref _lease)?.Client;
        if (client is null)
        {
            asyncContinuation(null);
            return;
        }

        var timeout = _flushTimeout;
        Volatile.Write(ref _lastFlushStarted, System.Diagnostics.Stopwatch.GetTimestamp());
        client.FlushAsync(timeout).ContinueWith(
            task =>
            {
                Volatile.Write(ref _lastFlushEnded, System.Diagnostics.Stopwatch.GetTimestamp());
                var complete = task.Status == TaskStatus.RanToCompletion && task.Result;
                asyncContinuation(complete
                    ? null
                    : new TimeoutException($"{this}: not every queued entry was delivered within {timeout.TotalSeconds:0.###} s; see the client statistics for drops."));
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <inheritdoc />
    protected override void CloseTarget()
    {
        var lease = Interlocked.Exchange(ref _lease, null);
        if (lease is not null)
        {
            try
            {
                lease.Release(RemainingShutdownBudget());
            }
            catch (Exception ex)
            {
                InternalLogger.Warn(ex, "{0}: closing the LogFlux client failed", this);
            }
            // Unsubscribed only after the close, so its drop report reaches the InternalLogger.
            if (_diagnosticHandler is not null) lease.Client.Diagnostic -= _diagnosticHandler;
        }
        _diagnosticHandler = null;
        base.CloseTarget();
    }

    /// <summary>
    /// <c>LogManager.Shutdown()</c> flushes every target and then closes it: one <see cref="ShutdownTimeout"/> covers
    /// both. A close that follows a flush still running, or one that ended less than that long ago, gets what is left
    /// of the budget counted from that flush's start (possibly nothing: what is still queued is then dropped and reported).
    /// </summary>
    private TimeSpan RemainingShutdownBudget()
    {
        var started = Volatile.Read(ref _lastFlushStarted);
        if (started == long.MinValue) return _flushTimeout;
        var ended = Volatile.Read(ref _lastFlushEnded);
        var running = ended < started;
        if (!running && System.Diagnostics.Stopwatch.GetElapsedTime(ended) >= _flushTimeout) return _flushTimeout;
        var left = _flushTimeout - System.Diagnostics.Stopwatch.GetElapsedTime(started);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>
    /// A name that is already taken keeps its first value: event properties are collected before scope
    /// properties, so they win (explicit beats ambient). The duplicate gets a marked name that the mapping skips.
    /// </summary>
    /// <inheritdoc />
    protected override string GenerateUniqueItemName(LogEventInfo logEvent, string itemName, object? itemValue, IDictionary<string, object?> combinedProperties)
        => LogEventMapper.DuplicateMarker + itemName;

    private void Attach(LogFluxClientLease? lease)
    {
        Volatile.Write(ref _lease, lease);
        if (lease is null) return;
        // A shared client may have been created by another target or adapter (or LogFluxSdk.Init): subscribe as
        // well, so every NLog target using it reports to the InternalLogger.
        _diagnosticHandler = (_, diagnostic) => ForwardDiagnostic(diagnostic);
        lease.Client.Diagnostic += _diagnosticHandler;
        InternalLogger.Debug("{0}: using {1}", this, lease.Client);
    }

    private void ForwardDiagnostic(LogFluxDiagnostic diagnostic)
    {
        if (s_diagnostics.TryClaim(diagnostic)) InternalLoggerBridge.Write(_description, diagnostic);
    }

    private LogFluxClient? CurrentClient()
    {
        var lease = Volatile.Read(ref _lease);
        if (lease is not null) return lease.Client;
        if (!_usesDefaultClient || !IsInitialized) return null;

        // LogFluxSdk.Init may run after NLog was configured: pick its client up once it exists.
        lock (SyncRoot)
        {
            if (_lease is null)
            {
                var acquired = LogFluxClientRegistry.AcquireDefault();
                if (acquired is not null) Attach(acquired);
            }
            return _lease?.Client;
        }
    }

    private void ReportNoClient() => InternalLogger.Warn(
        "{0}: no API key is configured (apiKey setting or LOGFLUX_API_KEY) and LogFluxSdk.Init was not called; events are dropped and counted (reason {1}).",
        this,
        DropReasons.NoClient);

    private IJsonConverter? TryResolveJsonConverter()
    {
        try
        {
            return ResolveService<IJsonConverter>();
        }
        catch (Exception)
        {
            return null;
        }
    }
}
