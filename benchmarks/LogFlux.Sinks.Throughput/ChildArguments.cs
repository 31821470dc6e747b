using System.Globalization;
using LogFlux.Sinks.Throughput.Peers;

namespace LogFlux.Sinks.Throughput;

/// <summary>What one child process runs: <c>child &lt;peer&gt; key value ...</c>.</summary>
internal sealed record ChildArguments(
    string Peer, string Mode, int Events, int Warmup, int Chunk, int OutageSeconds,
    string ControlUrl, PeerEndpoints Endpoints)
{
    public IEnumerable<string> ToArgs()
    {
        yield return "child";
        yield return Peer;
        foreach (var (key, value) in new (string, string)[]
        {
            ("mode", Mode), ("events", I(Events)), ("warmup", I(Warmup)), ("chunk", I(Chunk)), ("outage-seconds", I(OutageSeconds)),
            ("control", ControlUrl), ("peer-url", Endpoints.PeerUrl), ("lf-url", Endpoints.LogFluxUrl), ("queue", I(Endpoints.QueueLimit)),
        })
        {
            yield return key;
            yield return value;
        }
    }

    public static ChildArguments Parse(IReadOnlyList<string> args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 2; i + 1 < args.Count; i += 2) map[args[i]] = args[i + 1];
        return new ChildArguments(args[1], map["mode"], P(map["events"]), P(map["warmup"]), P(map["chunk"]), P(map["outage-seconds"]),
            map["control"], new PeerEndpoints(map["peer-url"], map["lf-url"], P(map["queue"])));
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static int P(string value) => int.Parse(value, CultureInfo.InvariantCulture);
}
