namespace LogFlux.Sinks.Protocol;

/// <summary>Limits from the handshake; 0 means unknown.</summary>
internal readonly record struct ServerLimits(int MaxBatchSize, long MaxPayloadSize, long MaxRequestSize)
{
    public static ServerLimits None => default;
}
