using System.Globalization;
using LogFlux.Sinks.Throughput.Peers;

namespace LogFlux.Sinks.Throughput;

/// <summary>Command-line options of the orchestrator (and, with <c>child</c>, of one measured run).</summary>
internal sealed class HarnessOptions
{
    public const string Usage = """
        LogFlux.Sinks.Throughput [options]
          --peers a,b,...     peers to run (default: all): serilog-null, serilog-logflux, serilog-seq, serilog-otlp,
                              nlog-json-null, nlog-logflux, log4net-pattern-null, log4net-logflux
          --reps N            interleaved repetitions (default 3)
          --events N          events per burst/paced run (default 1000000; use multiples of 1000)
          --warmup N          warm-up events per child (default 20000)
          --chunk N           paced chunk size (default 10000)
          --modes m,...       burst,paced (default both); 'none' skips them
          --outage on|off     run the outage scenario (default on)
          --outage-events N   events logged during the outage (default 200000)
          --outage-seconds S  outage length (default 10)
          --outage-reps N     repetitions of the outage scenario (default 1)
          --out DIR           where results.json and results.md go (default ./throughput-results)
        """;

    public IReadOnlyList<string> Peers { get; private set; } = PeerCatalog.All;
    public int Reps { get; private set; } = 3;
    public int Events { get; private set; } = 1_000_000;
    public int Warmup { get; private set; } = 20_000;
    public int Chunk { get; private set; } = 10_000;
    public IReadOnlyList<string> Modes { get; private set; } = ["burst", "paced"];
    public bool Outage { get; private set; } = true;
    public int OutageEvents { get; private set; } = 200_000;
    public int OutageSeconds { get; private set; } = 10;
    public int OutageReps { get; private set; } = 1;
    public string OutputDirectory { get; private set; } = "throughput-results";

    public static HarnessOptions Parse(IReadOnlyList<string> args)
    {
        var options = new HarnessOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            switch (name)
            {
                case "--peers": options.Peers = Split(Value()); break;
                case "--reps": options.Reps = Int(Value()); break;
                case "--events": options.Events = Int(Value()); break;
                case "--warmup": options.Warmup = Int(Value()); break;
                case "--chunk": options.Chunk = Int(Value()); break;
                case "--modes": string modes = Value(); options.Modes = modes == "none" ? [] : Split(modes); break;
                case "--outage": options.Outage = Value() != "off"; break;
                case "--outage-events": options.OutageEvents = Int(Value()); break;
                case "--outage-seconds": options.OutageSeconds = Int(Value()); break;
                case "--outage-reps": options.OutageReps = Int(Value()); break;
                case "--out": options.OutputDirectory = Value(); break;
                case "-h" or "--help": throw new ArgumentException(Usage);
                default: throw new ArgumentException($"Unknown option {name}.\n{Usage}");
            }
        }
        foreach (var peer in options.Peers)
        {
            if (!PeerCatalog.All.Contains(peer)) throw new ArgumentException($"Unknown peer '{peer}'.\n{Usage}");
        }
        foreach (var mode in options.Modes)
        {
            if (mode is not ("burst" or "paced")) throw new ArgumentException($"Unknown mode '{mode}'.\n{Usage}");
        }
        return options;
    }

    private static string[] Split(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static int Int(string value) => int.Parse(value.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture);
}
