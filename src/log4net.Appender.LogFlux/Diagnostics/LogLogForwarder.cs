using log4net.Util;
using LogFlux.Sinks;
using LogFlux.Sinks.Adapters;

namespace log4net.Appender.LogFlux.Diagnostics;

/// <summary>
/// Sends LogFlux self-diagnostics to log4net's internal log (<see cref="LogLog"/>), never into a logger, so
/// the appender cannot feed its own pipeline.
/// </summary>
internal static class LogLogForwarder
{
    private static readonly Type Source = typeof(LogFluxAppender);
    // Appenders sharing one client each hear its diagnostics (through the event, or the listener used while
    // acquiring); log4net's internal log is one channel, so each diagnostic is written once.
    private static readonly DiagnosticOnceFilter s_once = new();

    public static void Forward(string appenderName, LogFluxDiagnostic diagnostic)
    {
        try
        {
            if (!s_once.TryClaim(diagnostic)) return;
            var text = $"LogFluxAppender [{appenderName}]: {diagnostic.Message}";
            var exception = diagnostic.Exception;
            // One line at the diagnostic's level; the stack only in the debug output (log4net.Internal.Debug).
            var line = exception is null ? text : $"{text}: {exception.GetType().Name}: {exception.Message}";
            switch (diagnostic.Level)
            {
                case LogFluxDiagnosticLevel.Error:
                    LogLog.Error(Source, line);
                    break;
                case LogFluxDiagnosticLevel.Warning:
                    LogLog.Warn(Source, line);
                    break;
                default:
                    LogLog.Debug(Source, text, exception);
                    return;
            }
            if (exception is not null) LogLog.Debug(Source, text, exception);
        }
        catch (Exception)
        {
            // A failing internal-log listener must not reach the client or the application.
        }
    }
}
