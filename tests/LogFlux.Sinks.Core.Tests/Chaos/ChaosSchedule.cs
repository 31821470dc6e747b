using System.Globalization;
using System.Text;
using LogFlux.Sinks.Testing;

namespace LogFlux.Sinks.Core.Tests.Chaos;

/// <summary>
/// One seeded random fault schedule: what the receiver does to each ingest request, a handshake failure, a
/// receiver stop and restart, a key revocation, and the client's shape (producers, workers, retries, durable
/// buffer). The same seed always gives the same schedule; the traffic's timing still varies from run to run.
/// </summary>
internal sealed class ChaosSchedule
{
    public static readonly TimeSpan HttpTimeout = TimeSpan.FromSeconds(1);

    private const int AuthFaultSpacing = 8;

    private ChaosSchedule(int seed) => Seed = seed;

    public int Seed { get; }
    public int Producers { get; private init; }
    public int EntriesPerProducer { get; private init; }
    public int Workers { get; private init; }
    public int BatchSize { get; private init; }
    public int MaxRetries { get; private init; }
    public bool DurableBuffer { get; private init; }

    /// <summary>What the receiver does to ingest request 1, 2, 3…; null lets it through. Requests past the list pass.</summary>
    public IReadOnlyList<(string Name, Func<Fault> Create)?> IngestFaults { get; private init; } = [];

    /// <summary>The first handshake init answers 503 (the client backs off and handshakes again).</summary>
    public bool FailFirstHandshake { get; private init; }

    /// <summary>After this many ingest requests the receiver stops for <see cref="StopFor"/>, then restarts; null: never.</summary>
    public int? StopAfterRequest { get; private init; }
    public TimeSpan StopFor { get; private init; }

    /// <summary>After this many ingest requests the receiver forgets every key id (the client must handshake again); null: never.</summary>
    public int? RevokeAfterRequest { get; private init; }

    public static ChaosSchedule Create(int seed)
    {
        var random = new Random(seed);
        var faults = new (string, Func<Fault>)?[random.Next(40, 90)];
        var faultRate = 0.2 + random.NextDouble() * 0.35;
        var lastAuthFault = -AuthFaultSpacing;
        for (var i = 0; i < faults.Length; i++)
        {
            if (random.NextDouble() >= faultRate) continue;
            var fault = PickFault(random);
            if (IsAuthFault(fault.Name))
            {
                // A key refused right after a fresh handshake backs handshakes off for 60 s (by design): keep them apart.
                if (i - lastAuthFault < AuthFaultSpacing) continue;
                lastAuthFault = i;
            }
            faults[i] = fault;
        }
        var stop = random.NextDouble() < 0.5;
        var revoke = random.NextDouble() < 0.3;
        return new ChaosSchedule(seed)
        {
            Producers = random.Next(1, 5),
            EntriesPerProducer = random.Next(500, 2000),
            Workers = random.Next(1, 4),
            BatchSize = random.Next(20, 200),
            MaxRetries = random.Next(1, 5),
            DurableBuffer = random.NextDouble() < 0.35,
            IngestFaults = faults,
            FailFirstHandshake = random.NextDouble() < 0.3,
            StopAfterRequest = stop ? random.Next(3, 40) : null,
            StopFor = TimeSpan.FromMilliseconds(random.Next(200, 900)),
            RevokeAfterRequest = revoke ? random.Next(2, 50) : null,
        };
    }

    private static bool IsAuthFault(string name) => name is "401" or "403" or "revoke-key";

    private static (string Name, Func<Fault> Create) PickFault(Random random)
    {
        var pick = random.Next(100);
        return pick switch
        {
            < 14 => ("503", () => Fault.Status(503)),
            < 22 => ("500", () => Fault.Status(500)),
            < 28 => ("502", () => Fault.Status(502)),
            < 34 => ("504", () => Fault.Status(504)),
            < 44 => ("429", () => Fault.TooManyRequests(TimeSpan.Zero)),
            < 47 => ("408", () => Fault.Status(408)),
            < 51 => ("413", () => Fault.Status(413)),
            < 54 => ("401", () => Fault.Status(401)),
            < 57 => ("403", () => Fault.Status(403)),
            < 58 => ("507", Fault.QuotaExceeded),
            < 72 => ("abort-after", Fault.Abort),
            < 82 => ("abort-before", Fault.AbortBeforeProcessing),
            < 90 => ("delay-past-timeout", () => Fault.Delay(HttpTimeout + TimeSpan.FromMilliseconds(300))),
            < 94 => ("never-respond", Fault.NeverRespond),
            _ => ("revoke-key", Fault.Unauthorized),
        };
    }

    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $"seed {Seed}: {Producers} producers x {EntriesPerProducer}, workers {Workers}, batch {BatchSize}, max retries {MaxRetries}, ");
        text.Append(c, $"buffer {(DurableBuffer ? "on" : "off")}, handshake fault {(FailFirstHandshake ? "yes" : "no")}, ");
        text.Append(c, $"stop {(StopAfterRequest is { } s ? $"after request {s} for {StopFor.TotalMilliseconds:0} ms" : "never")}, ");
        text.Append(c, $"revoke {(RevokeAfterRequest is { } r ? $"after request {r}" : "never")}; ingest faults: ");
        text.Append(string.Join(" ", IngestFaults.Select(f => f?.Name ?? ".")));
        return text.ToString();
    }
}
