using LogFlux.Sinks;
using LogFlux.Sinks.Adapters;
using LogFlux.Sinks.Sharing;
using Serilog.Debugging;

namespace Serilog.Sinks.LogFlux;

/// <summary>
/// Writes LogFlux client diagnostics to <see cref="SelfLog"/>. Several sinks may share one client and each
/// subscribes, so a diagnostic already written (same instance) is not written again.
/// </summary>
internal static class SelfLogForwarder
{
    private static readonly DiagnosticOnceFilter s_once = new();

    /// <summary>The channel of every sink's client binding; its drop counter is <see cref="LogFluxSinkStatus.NoClientDrops"/>.</summary>
    public static readonly AdapterChannel Channel = new(Forward, "apiKey argument or LOGFLUX_API_KEY", "LogFluxSinkStatus.NoClientDrops");

    public static void Forward(LogFluxDiagnostic diagnostic)
    {
        if (!s_once.TryClaim(diagnostic)) return;
        SelfLog.WriteLine("{0}", diagnostic.ToString());
    }

    /// <summary>A configuration-time message of the sink itself.</summary>
    public static void Configuration(string message) => SelfLog.WriteLine("[LogFlux Error] Serilog sink configuration: {0}", message);
}
