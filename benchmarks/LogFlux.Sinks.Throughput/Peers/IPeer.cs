namespace LogFlux.Sinks.Throughput.Peers;

/// <summary>One logging pipeline under test, living in a child process.</summary>
internal interface IPeer : IDisposable
{
    /// <summary>True when events travel to the counting receiver (false for the null sinks).</summary>
    bool IsNetworked { get; }

    /// <summary>Logs the baseline event number <paramref name="i"/> on the calling thread.</summary>
    void Log(int i);

    /// <summary>The LogFlux client's counters, or null for the other sinks.</summary>
    LogFluxStats? Stats { get; }
}

/// <summary>Where the child's pipelines send to, and how large the queues are.</summary>
/// <param name="PeerUrl">Base URL of the counting receiver (Seq and OTLP paths).</param>
/// <param name="LogFluxUrl">Base URL of the LogFlux receiver.</param>
/// <param name="QueueLimit">Queue size for the peers' sinks; 0 keeps every sink's default.</param>
internal sealed record PeerEndpoints(string PeerUrl, string LogFluxUrl, int QueueLimit);
