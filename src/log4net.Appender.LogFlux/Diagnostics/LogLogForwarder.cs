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
            switch (diagnostic.Level)
            {
                case LogFluxDiagnosticLevel.Error:
                    LogLog.Error(Source, text, diagnostic.Exception);
                    break;
                case LogFluxDiagnosticLevel.Warning:
                    LogLog.Warn(Source, text, diagnostic.Exception);
                    break;
                default:
                    LogLog.Debug(Source, text, diagnostic.Exception);
                    break;
            }
        }
        catch (Exception)
        {
            // A failing internal-log listener must not reach the client or the application.
        }
    }
}
