using log4net.Appender.LogFlux.Configuration;
using log4net.Appender.LogFlux.Diagnostics;
using log4net.Appender.LogFlux.Mapping;
using log4net.Core;
using log4net.Util;
using LogFlux.Sinks;
using LogFlux.Sinks.Adapters;
using LogFlux.Sinks.Sharing;

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
    private readonly List<LogFluxLevelMapping> _levelMappings = new();
    private readonly AdapterChannel _channel;
    private AdapterClientBinding _binding;
    private LoggingEventConverter _converter = new(new Log4NetLevelMapper(), includeLocation: false);

    /// <summary>Creates the appender; <see cref="ActivateOptions"/> binds it to its client.</summary>
    public LogFluxAppender()
    {
        _channel = new AdapterChannel(diagnostic => LogLogForwarder.Forward(Name ?? "LogFlux", diagnostic), "apiKey, LOGFLUX_API_KEY", nameof(NoClientDropCount));
        _binding = AdapterClientBinding.Unusable(_channel);
    }

    /// <summary>Events dropped because the appender had no client (no API key and no <c>LogFluxSdk.Init</c>, or invalid configuration).</summary>
    public long NoClientDropCount => _channel.Drops.Count;

    /// <summary>True when the appender has a LogFlux client and sends events.</summary>
    public bool IsActive => _binding.HasClient;

    /// <summary>The statistics of the LogFlux client this appender sends to, or null while inactive.</summary>
    /// <returns>A snapshot of the client's counters.</returns>
    public LogFluxStats? GetStats() => _binding.Client?.GetStats();

    /// <summary>Builds the options (configured values, then <c>LOGFLUX_*</c> environment variables), validates them and
    /// acquires the shared LogFlux client. Never throws: problems are reported and leave the appender inactive.</summary>
    public override void ActivateOptions()
    {
        base.ActivateOptions();
        _binding.Close();
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
            var client = _binding.Client;
            if (client is null)
            {
                _binding.CountNoClient();
                return;
            }
            var message = Layout is null ? loggingEvent.RenderedMessage : RenderLoggingEvent(loggingEvent);
            if (_converter.ToRecord(loggingEvent, message ?? string.Empty) is { } record) client.Enqueue(record);
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
        => _binding.Flush(millisecondsTimeout < 0 ? null : TimeSpan.FromMilliseconds(millisecondsTimeout));

    /// <summary>
    /// Flushes and releases the shared client (the last user closes it), both within one shutdown timeout: the close
    /// gets what the flush left of it, and reports through LogLog what it had to drop.
    /// </summary>
    protected override void OnClose()
    {
        _binding.Close();
        base.OnClose();
    }

    private void Activate()
    {
        var problems = new List<string>();
        var options = AppenderOptionsBuilder.Build(this, problems);
        var includeLocation = AppenderOptionsBuilder.ReadFlag(nameof(IncludeLocation), IncludeLocation, problems);
        var levels = new Log4NetLevelMapper(ReadLevelMappings(problems));
        if (problems.Count > 0)
        {
            ReportProblems(problems);
            return;
        }

        _converter = new LoggingEventConverter(levels, includeLocation);
        try
        {
            _binding = AdapterClientBinding.Open(options, _channel);
        }
        catch (LogFluxConfigurationException ex)
        {
            ReportProblems([ex.Message]);
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

    private void ReportProblems(IReadOnlyList<string> problems)
    {
        foreach (var problem in problems)
        {
            LogLog.Error(typeof(LogFluxAppender), $"LogFluxAppender [{Name}]: invalid configuration: {problem}");
        }
        _binding = AdapterClientBinding.Unusable(_channel);
        ErrorHandler.Error($"LogFluxAppender [{Name}] is inactive because of {problems.Count} configuration problem(s): {string.Join(" ", problems)} Events are dropped and counted in NoClientDropCount.");
    }

    private void ReportConfigurationError(string what, Exception ex)
    {
        var text = $"LogFluxAppender [{Name}] {what}: {ex.Message}";
        LogLog.Error(typeof(LogFluxAppender), text);
        ErrorHandler.Error(text);
    }
}
