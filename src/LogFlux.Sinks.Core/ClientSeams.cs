using LogFlux.Sinks.Pipeline;
using LogFlux.Sinks.Transport;

namespace LogFlux.Sinks;

/// <summary>
/// Replaceable parts of a <see cref="LogFluxClient"/>: the transport, the sampling random source, the
/// hand-off to the queue and the environment reader. Null members use the real implementation.
/// </summary>
internal sealed class ClientSeams
{
    public IIngestTransport? Transport { get; init; }

    public Func<double>? Random { get; init; }

    /// <summary>Receives accepted entries instead of the send pipeline.</summary>
    public Func<PendingEntry, bool>? Queue { get; init; }

    /// <summary>Reads <c>LOGFLUX_*</c> variables; null reads the process environment.</summary>
    public Func<string, string?>? Environment { get; init; }
}
