using log4net.Util;
using LogFlux.Sinks;

namespace log4net.Appender.LogFlux.Diagnostics;

/// <summary>
/// Sends LogFlux self-diagnostics to log4net's internal log (<see cref="LogLog"/>), never into a logger, so
/// the appender cannot feed its own pipeline.
/// </summary>
internal static class LogLogForwarder
{
    private static readonly Type Source = typeof(LogFluxAppender);
    private const long RepeatWindowMs = 1000;
    private const int MaxRemembered = 64;
    private static readonly Dictionary<string, long> s_recent = new(StringComparer.Ordinal);

    public static void Forward(string appenderName, LogFluxDiagnostic diagnostic)
    {
        try
        {
            if (IsRepeat(diagnostic.Message)) return;
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

    // Appenders sharing one client each hear its diagnostics (through the event, or the listener used while
    // acquiring); log4net's internal log is one channel, so a message repeated within a second is shown once.
    private static bool IsRepeat(string message)
    {
        var now = System.Environment.TickCount64;
        lock (s_recent)
        {
            if (s_recent.TryGetValue(message, out var at) && now - at < RepeatWindowMs) return true;
            if (s_recent.Count >= MaxRemembered)
            {
                foreach (var stale in s_recent.Where(pair => now - pair.Value >= RepeatWindowMs).Select(pair => pair.Key).ToList())
                {
                    s_recent.Remove(stale);
                }
                if (s_recent.Count >= MaxRemembered) s_recent.Clear();
            }
            s_recent[message] = now;
            return false;
        }
    }
}
