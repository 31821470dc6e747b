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
        if (diagnostic.Exception is null)
        {
            InternalLogger.Log(level, "{0}: {1}", targetDescription, diagnostic.Message);
        }
        else
        {
            InternalLogger.Log(diagnostic.Exception, level, "{0}: {1}", targetDescription, diagnostic.Message);
        }
    }
}
