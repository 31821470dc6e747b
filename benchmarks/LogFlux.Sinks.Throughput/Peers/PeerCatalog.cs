namespace LogFlux.Sinks.Throughput.Peers;

/// <summary>The peers by name, in the order they are run and printed.</summary>
internal static class PeerCatalog
{
    public const string SerilogLogFlux = "serilog-logflux";
    public const string SerilogSeq = "serilog-seq";
    public const string SerilogOtlp = "serilog-otlp";
    public const string SerilogNull = "serilog-null";
    public const string NLogLogFlux = "nlog-logflux";
    public const string NLogNull = "nlog-json-null";
    public const string Log4NetLogFlux = "log4net-logflux";
    public const string Log4NetNull = "log4net-pattern-null";

    public static readonly string[] All =
    [
        SerilogNull, SerilogLogFlux, SerilogSeq, SerilogOtlp, NLogNull, NLogLogFlux, Log4NetNull, Log4NetLogFlux,
    ];

    /// <summary>Peers that send over the network (the outage run uses these).</summary>
    public static readonly string[] Networked = [SerilogLogFlux, SerilogSeq, SerilogOtlp, NLogLogFlux, Log4NetLogFlux];

    public static bool IsLogFlux(string peer) => peer.EndsWith("-logflux", StringComparison.Ordinal);

    public static IPeer Create(string peer, PeerEndpoints endpoints) => peer switch
    {
        SerilogNull => SerilogPeer.Null(),
        SerilogLogFlux => SerilogPeer.LogFlux(endpoints),
        SerilogSeq => SerilogPeer.Seq(endpoints),
        SerilogOtlp => SerilogPeer.Otlp(endpoints),
        NLogNull => NLogPeer.Null(),
        NLogLogFlux => NLogPeer.LogFlux(endpoints),
        Log4NetNull => Log4NetPeer.Null(),
        Log4NetLogFlux => Log4NetPeer.LogFlux(endpoints),
        _ => throw new ArgumentException($"Unknown peer '{peer}'. Known: {string.Join(", ", All)}."),
    };
}
