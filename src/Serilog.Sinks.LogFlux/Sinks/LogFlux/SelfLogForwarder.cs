using System.Runtime.CompilerServices;
using LogFlux.Sinks;
using Serilog.Debugging;

namespace Serilog.Sinks.LogFlux;

/// <summary>
/// Writes LogFlux client diagnostics to <see cref="SelfLog"/>. Several sinks may share one client and each
/// subscribes, so a diagnostic already written (same instance) is not written again.
/// </summary>
internal static class SelfLogForwarder
{
    private static readonly ConditionalWeakTable<LogFluxDiagnostic, object> s_written = new();

    public static void Forward(object? sender, LogFluxDiagnostic diagnostic)
    {
        if (diagnostic is null || !s_written.TryAdd(diagnostic, s_written)) return;
        SelfLog.WriteLine("{0}", diagnostic.ToString());
    }

    /// <summary>A configuration-time message of the sink itself.</summary>
    public static void Configuration(string message) => SelfLog.WriteLine("[LogFlux Error] Serilog sink configuration: {0}", message);
}
