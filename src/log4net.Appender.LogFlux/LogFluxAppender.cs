using log4net.Appender.LogFlux.Configuration;
using log4net.Appender.LogFlux.Diagnostics;
using log4net.Appender.LogFlux.Mapping;
using log4net.Core;
using log4net.Util;
using LogFlux.Sinks;
using LogFlux.Sinks.Adapters;

namespace log4net.Appender.LogFlux;

/// <summary>
/// log4net appender that sends events to LogFlux, end-to-end encrypted. Configure it in XML as
/// <c>&lt;appender name="LogFlux" type="log4net.Appender.LogFlux.LogFluxAppender, log4net.Appender.LogFlux"&gt;&lt;apiKey value="${LOGFLUX_API_KEY}" /&gt;…</c>.
/// Events are captured on the logging thread and handed to the shared LogFlux client's queue (the only
/// buffer); formatting, encryption and sending happen in the background. Configuration problems are reported through the
/// <see cref="AppenderSkeleton.ErrorHandler"/> and log4net's internal log, and leave the appender inactive
/// (events are dropped and counted in <see cref="NoClientDropCount"/>); the application keeps running.
/// </summary>
public sealed partial class LogFluxAppender : AppenderSkeleton
{
    private static readonly TimeSpan DefaultClientRetryInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FlushWaitGrace = TimeSpan.FromMilliseconds(250);

    private readonly List<LogFluxLevelMapping> _levelMappings = new();
    private readonly object _stateLock = new();
    private ActiveState? _state;
    private LoggingEventConverter _converter = new(new Log4NetLevelMapper(), includeLocation: false);
    private volatile bool _usesDefaultClient;
    private volatile bool _closed;
    private TimeSpan _shutdownTimeout = TimeSpan.FromSeconds(10);
    private long _nextDefaultClientAttempt;
    private readonly NoClientDrops _noClient = new();

    /// <summary>Events dropped because the appender had no client (no API key and no <c>LogFluxSdk.Init</c>, or invalid configuration).</summary>
    public long NoClientDropCount => _noClient.Count;

    /// <summary>True when the appender has a LogFlux client and sends events.</summary>
    public bool IsActive => Volatile.Read(ref _state) is not null;

    /// <summary>The statistics of the LogFlux client this appender sends to, or null while inactive.</summary>
    /// <returns>A snapshot of the client's counters.</returns>
    public LogFluxStats? GetStats() => Volatile.Read(ref _state)?.Lease.Client.GetStats();

    /// <summary>Builds the options (configured values, then <c>LOGFLUX_*</c> environment variables), validates them and
    /// acquires the shared LogFlux client. Never throws: problems are reported and leave the appender inactive.</summary>
    public override void ActivateOptions()
    {
        base.ActivateOptions();
        ReleaseState();
        try
        {
            Activate();
        }
        catch (Exception ex)
        {
            ReportConfigurationError("could not be activated; events are dropped", ex);
        }
    }

    /// <inheritdoc />
    protected override bool RequiresLayout => false;

    /// <inheritdoc />
    protected override void Append(LoggingEvent loggingEvent)
    {
        try
        {
            var state = Volatile.Read(ref _state) ?? TryAcquireDefaultLate();
            if (state is null)
            {
                CountNoClientDrop();
                return;
            }
            var message = Layout is null ? loggingEvent.RenderedMessage : RenderLoggingEvent(loggingEvent);
            if (_converter.ToRecord(loggingEvent, message ?? string.Empty) is { } record) state.Lease.Client.Enqueue(record);
        }
        catch (Exception ex)
        {
            ErrorHandler.Error($"LogFluxAppender [{Name}] could not queue an event.", ex, ErrorCode.WriteFailure);
        }
    }

    /// <summary>Sends everything queued so far; returns false when the timeout passed first. Never throws.</summary>
    /// <param name="millisecondsTimeout">The longest time to wait, in milliseconds.</param>
    /// <returns>Whether everything queued was sent or dropped (counted) in time.</returns>
    public override bool Flush(int millisecondsTimeout)
    {
        var state = Volatile.Read(ref _state);
        if (state is null) return true;
        var timeout = millisecondsTimeout < 0 ? state.ShutdownTimeout : TimeSpan.FromMilliseconds(millisecondsTimeout);
        return FlushClient(state.Lease.Client, timeout);
    }

    /// <summary>
    /// Flushes and releases the shared client (the last user closes it), both within one shutdown timeout: the close
    /// gets what the flush left of it, and reports through LogLog what it had to drop.
    /// </summary>
    protected override void OnClose()
    {
        try
        {
            _closed = true;
            var state = Volatile.Read(ref _state);
            if (state is not null)
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                FlushClient(state.Lease.Client, state.ShutdownTimeout);
                var left = state.ShutdownTimeout - System.Diagnostics.Stopwatch.GetElapsedTime(started);
                ReleaseState(left > TimeSpan.Zero ? left : TimeSpan.Zero);
            }
        }
        catch (Exception ex)
        {
            LogLog.Error(typeof(LogFluxAppender), $"LogFluxAppender [{Name}]: closing failed.", ex);
        }
        base.OnClose();
    }

    private void Activate()
    {
        _usesDefaultClient = false;
        var problems = new List<string>();
        var options = AppenderOptionsBuilder.Build(this, problems);
        var includeLocation = AppenderOptionsBuilder.ReadFlag(nameof(IncludeLocation), IncludeLocation, problems);
        var levels = new Log4NetLevelMapper(ReadLevelMappings(problems));
        var environmentProblems = new List<string>();
        options.ApplyEnvironmentDefaults(reportInvalid: environmentProblems.Add);
        foreach (var problem in environmentProblems) LogLog.Warn(typeof(LogFluxAppender), $"LogFluxAppender [{Name}]: {problem}");

        if (problems.Count > 0)
        {
            ReportProblems(problems);
            return;
        }

        _converter = new LoggingEventConverter(levels, includeLocation);
        _shutdownTimeout = options.ShutdownTimeout;
        _closed = false;
        _noClient.Rearm();
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            _usesDefaultClient = true;
            if (!TryUseDefaultClient() && _noClient.ClaimReport()) ReportNoClient();
            return;
        }

        _usesDefaultClient = false;
        try
        {
            options.Validate();
        }
        catch (LogFluxConfigurationException ex)
        {
            ReportProblems([ex.Message]);
            return;
        }
        Install(AcquireShared(options, environmentProblems));
    }

    private LogFluxClientLease AcquireShared(LogFluxOptions options, List<string> alreadyReported)
    {
        // Diagnostics raised while acquiring (creating the client, or settings that conflict with a client already
        // shared) arrive before the lease exists; this listener forwards just those, later ones come through the
        // Diagnostic event.
        var acquiring = 1;
        var name = Name ?? "LogFlux";
        options.DiagnosticListener = diagnostic =>
        {
            if (Volatile.Read(ref acquiring) == 1 && !alreadyReported.Contains(diagnostic.Message)) LogLogForwarder.Forward(name, diagnostic);
        };
        try
        {
            return LogFluxClientRegistry.Acquire(options);
        }
        finally
        {
            Volatile.Write(ref acquiring, 0);
        }
    }

    private List<KeyValuePair<int, LogFluxLevel>> ReadLevelMappings(List<string> problems)
    {
        var result = new List<KeyValuePair<int, LogFluxLevel>>();
        foreach (var mapping in _levelMappings)
        {
            if (mapping.Level is null)
            {
                problems.Add("LevelMapping: a <levelMapping> needs a <level> that names a log4net level known to the repository.");
            }
            else if (string.IsNullOrWhiteSpace(mapping.LogFluxLevel))
            {
                problems.Add($"LevelMapping for {mapping.Level.Name}: <logFluxLevel> is missing; use {LogFluxLevels.AcceptedForms}.");
            }
            else if (LogFluxLevels.TryParse(mapping.LogFluxLevel, out var mapped))
            {
                result.Add(new(mapping.Level.Value, mapped));
            }
            else
            {
                problems.Add($"LevelMapping for {mapping.Level.Name}: '{mapping.LogFluxLevel.Trim()}' is not a LogFlux level; expected {LogFluxLevels.AcceptedForms}.");
            }
        }
        return result;
    }

    private bool TryUseDefaultClient()
    {
        var lease = LogFluxClientRegistry.AcquireDefault();
        if (lease is null) return false;
        Install(lease);
        return true;
    }

    private ActiveState? TryAcquireDefaultLate()
    {
        // LogFluxSdk.Init may run after log4net was configured: look again, at most once a second.
        if (!_usesDefaultClient || _closed) return null;
        var now = System.Environment.TickCount64;
        if (now < Interlocked.Read(ref _nextDefaultClientAttempt)) return null;
        Interlocked.Exchange(ref _nextDefaultClientAttempt, now + (long)DefaultClientRetryInterval.TotalMilliseconds);
        lock (_stateLock)
        {
            if (_state is null) TryUseDefaultClient();
            return _state;
        }
    }

    private void Install(LogFluxClientLease lease)
    {
        var state = new ActiveState(lease, _shutdownTimeout, Name ?? "LogFlux");
        lease.Client.Diagnostic += state.OnDiagnostic;
        lock (_stateLock)
        {
            var previous = _state;
            _state = state;
            previous?.Release();
        }
    }

    private void ReleaseState(TimeSpan? closeTimeout = null)
    {
        ActiveState? previous;
        lock (_stateLock)
        {
            previous = _state;
            _state = null;
        }
        previous?.Release(closeTimeout);
    }

    private static bool FlushClient(LogFluxClient client, TimeSpan timeout)
    {
        try
        {
            // The wait runs on the pool and is bounded, so neither a synchronisation context nor a stuck
            // sender can hold log4net's flush or shutdown longer than the timeout.
            var flush = Task.Run(() => client.FlushAsync(timeout));
            return flush.Wait(timeout + FlushWaitGrace) && flush.Result;
        }
        catch (Exception ex)
        {
            LogLog.Warn(typeof(LogFluxAppender), "LogFluxAppender: flushing failed.", ex);
            return false;
        }
    }

    private void CountNoClientDrop()
    {
        // Without the default client the reason (a configuration problem) was already reported.
        if (_noClient.Add() && _usesDefaultClient) ReportNoClient();
    }

    private void ReportNoClient()
    {
        LogLog.Warn(typeof(LogFluxAppender),
            $"LogFluxAppender [{Name}]: no API key is configured (apiKey, LOGFLUX_API_KEY) and LogFluxSdk.Init has not set up a client; " +
            $"events are dropped ({DropReasons.NoClient}) and counted in NoClientDropCount.");
    }

    private void ReportProblems(IReadOnlyList<string> problems)
    {
        foreach (var problem in problems)
        {
            LogLog.Error(typeof(LogFluxAppender), $"LogFluxAppender [{Name}]: invalid configuration: {problem}");
        }
        _noClient.ClaimReport();
        ErrorHandler.Error($"LogFluxAppender [{Name}] is inactive because of {problems.Count} configuration problem(s): {string.Join(" ", problems)} Events are dropped and counted in NoClientDropCount.");
    }

    private void ReportConfigurationError(string what, Exception ex)
    {
        var text = $"LogFluxAppender [{Name}] {what}: {ex.Message}";
        LogLog.Error(typeof(LogFluxAppender), text);
        ErrorHandler.Error(text);
    }

    private sealed class ActiveState
    {
        private readonly string _name;

        public ActiveState(LogFluxClientLease lease, TimeSpan shutdownTimeout, string name)
        {
            Lease = lease;
            ShutdownTimeout = shutdownTimeout;
            _name = name;
        }

        public LogFluxClientLease Lease { get; }

        public TimeSpan ShutdownTimeout { get; }

        public void OnDiagnostic(object? sender, LogFluxDiagnostic diagnostic) => LogLogForwarder.Forward(_name, diagnostic);

        /// <summary>Releases the lease (closing the client when last, within <paramref name="closeTimeout"/> or the shutdown timeout).</summary>
        public void Release(TimeSpan? closeTimeout = null)
        {
            try
            {
                Lease.Release(closeTimeout ?? ShutdownTimeout);
            }
            catch (Exception ex)
            {
                LogLog.Warn(typeof(LogFluxAppender), $"LogFluxAppender [{_name}]: releasing the LogFlux client failed.", ex);
            }
            finally
            {
                // Only now: what the close dropped, and why, is reported through LogLog.
                Lease.Client.Diagnostic -= OnDiagnostic;
            }
        }
    }
}
