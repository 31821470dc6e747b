using System.Diagnostics;
using System.Text.Json;
using LogFlux.Sinks.Throughput.Measurement;
using LogFlux.Sinks.Throughput.Peers;
using LogFlux.Sinks.Throughput.Receiver;

namespace LogFlux.Sinks.Throughput;

/// <summary>Hosts the receivers, runs the children (repetitions interleaved: rep 1 of every peer, then rep 2, ...), and reports.</summary>
internal static class Orchestrator
{
    private const int QueueMargin = 21_000;

    public static async Task<int> RunAsync(HarnessOptions options)
    {
        var counter = new ArrivalCounter();
        await using var peers = await PeerReceiver.StartAsync(counter).ConfigureAwait(false);
        await using var logFlux = await LeanLogFluxReceiver.StartAsync(counter).ConfigureAwait(false);
        await using var control = new ControlServer(counter, peers, logFlux);
        await control.StartAsync().ConfigureAwait(false);
        Console.WriteLine($"receivers: peers {peers.BaseUrl}, LogFlux {logFlux.BaseUrl}, control {control.BaseUrl}");
        Console.WriteLine($"events {options.Events:N0}, warm-up {options.Warmup:N0}, reps {options.Reps}, modes {string.Join(",", options.Modes)}, peers {string.Join(",", options.Peers)}");

        var runs = new List<RunResult>();
        var outages = new List<OutageResult>();
        var clock = Stopwatch.StartNew();
        foreach (var mode in options.Modes)
        {
            for (int rep = 1; rep <= options.Reps; rep++)
            {
                foreach (var peer in options.Peers)
                {
                    var endpoints = new PeerEndpoints(peers.BaseUrl, logFlux.BaseUrl, options.Events + options.Warmup + QueueMargin);
                    var child = new ChildArguments(peer, mode, options.Events, options.Warmup, options.Chunk, options.OutageSeconds, control.BaseUrl, endpoints);
                    control.PrepareForChild();
                    var result = await ChildLauncher.RunAsync<RunResult>(child, TimeSpan.FromSeconds(180 + options.Events / 2_000.0)).ConfigureAwait(false)
                        ?? new RunResult { Peer = peer, Mode = mode, Events = options.Events, Error = "no result (child failed)" };
                    var verification = PeerCatalog.IsLogFlux(peer) ? logFlux.Verification : null;
                    result = result with
                    {
                        Rep = rep,
                        ReceiverCpuNsPerEvent = result.Delivered > 0 && IsNetworked(peer) ? control.ReceiverCpu.TotalNanoseconds / result.Delivered : 0,
                        VerifiedParts = verification?.Verified ?? 0,
                        VerificationFailures = verification is null ? 0 : verification.Failed + verification.MalformedRequests,
                        Error = JoinErrors(result.Error, VerificationError(verification)),
                    };
                    runs.Add(result);
                    Console.WriteLine($"  [{clock.Elapsed:mm\\:ss}] {mode} rep {rep} {peer,-22} {Report.Brief(result)}");
                }
            }
        }

        if (options.Outage)
        {
            foreach (var peer in options.Peers.Where(p => PeerCatalog.Networked.Contains(p)))
            {
                for (int rep = 1; rep <= options.OutageReps; rep++)
                {
                    var endpoints = new PeerEndpoints(peers.BaseUrl, logFlux.BaseUrl, 0);
                    var child = new ChildArguments(peer, "outage", options.OutageEvents, 0, options.Chunk, options.OutageSeconds, control.BaseUrl, endpoints);
                    control.PrepareForChild();
                    var result = await ChildLauncher.RunAsync<OutageResult>(child, TimeSpan.FromSeconds(240 + options.OutageSeconds)).ConfigureAwait(false)
                        ?? new OutageResult { Peer = peer, Events = options.OutageEvents, Error = "no result (child failed)" };
                    var verification = PeerCatalog.IsLogFlux(peer) ? logFlux.Verification : null;
                    result = result with
                    {
                        Rep = rep,
                        VerifiedParts = verification?.Verified ?? 0,
                        VerificationFailures = verification is null ? 0 : verification.Failed + verification.MalformedRequests,
                        Error = JoinErrors(result.Error, VerificationError(verification)),
                    };
                    outages.Add(result);
                    Console.WriteLine($"  [{clock.Elapsed:mm\\:ss}] outage rep {rep} {peer,-22} delivered {result.Delivered:N0}, counted drops {result.CountedDrops:N0}, lost {result.Lost:N0}, WS max {result.WorkingSetMaxMb:F0} MB{(result.Error is null ? "" : " ERROR " + result.Error)}");
                }
            }
        }

        Directory.CreateDirectory(options.OutputDirectory);
        var json = JsonSerializer.Serialize(new { Runs = runs, Outages = outages }, new JsonSerializerOptions { WriteIndented = true });
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "results.json"), json).ConfigureAwait(false);
        var markdown = Report.Markdown(options, runs, outages);
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "results.md"), markdown).ConfigureAwait(false);
        Console.WriteLine();
        Console.WriteLine(markdown);
        Console.WriteLine($"(written to {Path.GetFullPath(options.OutputDirectory)}; total {clock.Elapsed:mm\\:ss})");
        long failures = runs.Sum(r => r.VerificationFailures) + outages.Sum(o => o.VerificationFailures);
        if (failures > 0) Console.Error.WriteLine($"ERROR: the LogFlux receiver could not decode {failures:N0} verified part(s) or request(s); see the verification lines above.");
        return runs.Any(r => r.Error is not null) || outages.Any(o => o.Error is not null) ? 1 : 0;
    }

    private static string? JoinErrors(string? first, string? second) => first is null ? second : second is null ? first : first + "; " + second;

    /// <summary>The run's error when the lean LogFlux receiver's sample did not decode (or nothing was sampled); null when fine.</summary>
    private static string? VerificationError(VerificationStats? verification) => verification switch
    {
        null => null,
        { Ok: false } => "receiver verification failed: " + verification.Describe(),
        { Verified: 0 } => "receiver verification: no part was verified",
        _ => null,
    };

    private static bool IsNetworked(string peer) => PeerCatalog.Networked.Contains(peer);
}
