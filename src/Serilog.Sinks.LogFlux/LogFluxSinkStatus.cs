namespace Serilog.Sinks.LogFlux;

/// <summary>Process-wide counters of the LogFlux sinks that the LogFlux client cannot count itself.</summary>
public static class LogFluxSinkStatus
{
    /// <summary>
    /// Events dropped because a sink had no LogFlux client: no API key (argument or <c>LOGFLUX_API_KEY</c>) and no
    /// <c>LogFluxSdk.Init</c> client, or an invalid configuration (reported once through SelfLog). Drop reason
    /// <c>no_client</c>.
    /// </summary>
    public static long NoClientDrops => SelfLogForwarder.Channel.Drops.Count;
}
