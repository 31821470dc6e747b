using LogFlux.Sinks;
using NLog.Common;

namespace NLog.Targets.LogFlux.Internal;

/// <summary>
/// Writes LogFlux self-diagnostics to NLog's <see cref="InternalLogger"/> (never to a logger, so nothing
/// loops back into the pipeline the target serves).
/// </summary>
internal static class InternalLoggerBridge
{
    public static void Write(string targetDescription, LogFluxDiagnostic diagnostic)
    {
        var level = diagnostic.Level switch
        {
            LogFluxDiagnosticLevel.Debug => LogLevel.Debug,
            LogFluxDiagnosticLevel.Info => LogLevel.Info,
            LogFluxDiagnosticLevel.Warning => LogLevel.Warn,
            _ => LogLevel.Error,
        };
        if (diagnostic.Exception is not { } exception)
        {
            InternalLogger.Log(level, "{0}: {1}", targetDescription, diagnostic.Message);
            return;
        }
        if (level == LogLevel.Debug)
        {
            InternalLogger.Log(exception, level, "{0}: {1}", targetDescription, diagnostic.Message);
            return;
        }
        // One line at the diagnostic's level; the stack only at Debug.
        InternalLogger.Log(level, "{0}: {1}: {2}: {3}", targetDescription, diagnostic.Message, exception.GetType().Name, exception.Message);
        if (InternalLogger.IsDebugEnabled) InternalLogger.Log(exception, LogLevel.Debug, "{0}: {1}", targetDescription, diagnostic.Message);
    }
}
