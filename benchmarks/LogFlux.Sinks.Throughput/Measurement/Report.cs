using System.Globalization;
using System.Text;
using LogFlux.Sinks.Throughput.Peers;

namespace LogFlux.Sinks.Throughput.Measurement;

/// <summary>Medians with min–max per peer and mode, the issue's ratio table, and the outage table, as Markdown.</summary>
internal static class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Brief(RunResult r) =>
        $"producer {r.ProducerNsPerEvent,7:N0} ns/ev (CPU {r.CallerCpuNsPerEvent,6:N0})  e2e {r.EventsPerSecond,11:N0} ev/s  CPU {r.CpuNsPerEvent,7:N0} ns/ev  alloc {r.AllocBytesPerEvent,6:N0} B/ev  " +
        $"wire {r.WireBytesPerEvent,4:N0} B/ev  WS {r.PeakWorkingSetMb,5:N0} MB  GC {r.Gen0}/{r.Gen1}/{r.Gen2} pause {r.GcPauseNsPerEvent:N0} ns/ev  delivered {r.Delivered:N0}" +
        (r.CountedDrops > 0 ? $"  drops {r.CountedDrops:N0}" : "") +
        (PeerCatalog.IsLogFlux(r.Peer) ? $"  verified {r.VerifiedParts:N0} ({r.VerificationFailures:N0} failed)" : "") + (r.Error is null ? "" : "  ERROR " + r.Error);

    public static string Markdown(HarnessOptions options, IReadOnlyList<RunResult> runs, IReadOnlyList<OutageResult> outages)
    {
        var md = new StringBuilder();
        md.AppendLine(Inv, $"Events per run: {options.Events:N0} (warm-up {options.Warmup:N0}), reps: {options.Reps} interleaved; values are median [min–max].");
        md.AppendLine(Inv, $"LogFlux receiver: lean counting receiver; the first part of every run and one in {Receiver.PartSampler.Interval:N0} after it are fully decrypted, gunzipped and parsed (\"verified\": parts checked, failures in brackets; any failure fails the run).");
        md.AppendLine();
        foreach (var mode in options.Modes)
        {
            md.AppendLine(Inv, $"### {(mode == "burst" ? "Burst" : $"Paced (chunks of {options.Chunk:N0}, one in flight)")}");
            md.AppendLine("| peer | producer ns/event | caller thread CPU ns/event | end-to-end events/s | process CPU ns/event | GC pause ns/event | receiver CPU ns/event | alloc B/event | peak WS MB | wire B/event | requests | GC 0/1/2 | delivered (min) | counted drops | verified (failed) |");
            md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var peer in options.Peers)
            {
                var set = runs.Where(r => r.Mode == mode && r.Peer == peer).ToList();
                if (set.Count == 0) continue;
                bool net = PeerCatalog.Networked.Contains(peer);
                md.AppendLine(Inv, $"| {peer} | {Stat(set, r => r.ProducerNsPerEvent)} | {Stat(set, r => r.CallerCpuNsPerEvent)} | {Stat(set, r => r.EventsPerSecond)} | {Stat(set, r => r.CpuNsPerEvent)} | {Stat(set, r => r.GcPauseNsPerEvent)} | " +
                    $"{(net ? Stat(set, r => r.ReceiverCpuNsPerEvent) : "–")} | {Median(set, r => r.AllocBytesPerEvent):N0} | {Stat(set, r => r.PeakWorkingSetMb)} | " +
                    $"{(net ? Median(set, r => r.WireBytesPerEvent).ToString("N0", Inv) : "–")} | {(net ? Median(set, r => r.Requests).ToString("N0", Inv) : "–")} | " +
                    $"{Median(set, r => r.Gen0):N0}/{Median(set, r => r.Gen1):N0}/{Median(set, r => r.Gen2):N0} | {set.Min(r => r.Delivered):N0} | {set.Max(r => r.CountedDrops):N0} | {Verified(peer, set.Sum(r => r.VerifiedParts), set.Sum(r => r.VerificationFailures))} |");
            }
            foreach (var failed in runs.Where(r => r.Mode == mode && r.Error is not null))
                md.AppendLine(Inv, $"\n* {failed.Peer} rep {failed.Rep}: {failed.Error}");
            md.AppendLine();
        }

        md.AppendLine(RatioTable(runs));
        if (outages.Count > 0) md.AppendLine(OutageTable(options, outages));
        return md.ToString();
    }

    private static string RatioTable(IReadOnlyList<RunResult> runs)
    {
        var md = new StringBuilder();
        md.AppendLine("### Targets (ratios of medians from this launch)");
        md.AppendLine("| target | LogFlux | peer | ratio | goal | status |");
        md.AppendLine("|---|---|---|---|---|---|");
        void Row(string name, string mode, string ours, string theirs, Func<RunResult, double> metric, bool higherIsBetter, double goal, string? extra = null)
        {
            var a = runs.Where(r => r.Mode == mode && r.Peer == ours && r.Error is null).ToList();
            var b = runs.Where(r => r.Mode == mode && r.Peer == theirs && r.Error is null).ToList();
            if (a.Count == 0 || b.Count == 0)
            {
                md.AppendLine(Inv, $"| {name} | n/a | n/a | n/a | {(higherIsBetter ? "≥" : "≤")} {goal:0.##}× | not measured |");
                return;
            }
            double x = Median(a, metric), y = Median(b, metric), ratio = x / y;
            bool met = higherIsBetter ? ratio >= goal : ratio <= goal;
            if (extra is not null && name.StartsWith("allocated", StringComparison.Ordinal)) met &= x <= 1200;
            string goalText = double.IsInfinity(goal) ? "stated" : $"{(higherIsBetter ? "≥" : "≤")} {goal:0.##}×{extra}";
            string status = double.IsInfinity(goal) ? "stated" : met ? "met" : "MISSED";
            md.AppendLine(Inv, $"| {name} | {x:N0} ({ours}) | {y:N0} ({theirs}) | {ratio:0.00}× | {goalText} | {status} |");
        }

        Row("end-to-end events/s, burst", "burst", PeerCatalog.SerilogLogFlux, PeerCatalog.SerilogSeq, r => r.EventsPerSecond, true, 0.8);
        Row("end-to-end events/s, paced", "paced", PeerCatalog.SerilogLogFlux, PeerCatalog.SerilogSeq, r => r.EventsPerSecond, true, 0.8);
        Row("process CPU ns per delivered event, burst", "burst", PeerCatalog.SerilogLogFlux, PeerCatalog.SerilogSeq, r => r.CpuNsPerEvent, false, 1.4);
        Row("process CPU ns per delivered event, paced", "paced", PeerCatalog.SerilogLogFlux, PeerCatalog.SerilogSeq, r => r.CpuNsPerEvent, false, 1.4);
        Row("allocated B/event, burst", "burst", PeerCatalog.SerilogLogFlux, PeerCatalog.SerilogSeq, r => r.AllocBytesPerEvent, false, 0.3, " and ≤ 1,200 B");
        Row("caller ns/event, paced (steady state)", "paced", PeerCatalog.SerilogLogFlux, PeerCatalog.SerilogSeq, r => r.ProducerNsPerEvent, false, 1.5);
        Row("caller thread CPU ns/event, paced", "paced", PeerCatalog.SerilogLogFlux, PeerCatalog.SerilogSeq, r => r.CallerCpuNsPerEvent, false, 1.5);
        Row("NLog caller ns/event vs JSON NullTarget, paced", "paced", PeerCatalog.NLogLogFlux, PeerCatalog.NLogNull, r => r.ProducerNsPerEvent, false, 2.5);
        Row("NLog caller thread CPU ns/event vs JSON NullTarget, paced", "paced", PeerCatalog.NLogLogFlux, PeerCatalog.NLogNull, r => r.CallerCpuNsPerEvent, false, 2.5);
        Row("log4net caller ns/event vs pattern TextWriter.Null, paced", "paced", PeerCatalog.Log4NetLogFlux, PeerCatalog.Log4NetNull, r => r.ProducerNsPerEvent, false, 2.5);
        Row("log4net caller thread CPU ns/event vs pattern TextWriter.Null, paced", "paced", PeerCatalog.Log4NetLogFlux, PeerCatalog.Log4NetNull, r => r.CallerCpuNsPerEvent, false, 2.5);
        Row("wire B/event (stated; ≈550–600 reference)", "burst", PeerCatalog.SerilogLogFlux, PeerCatalog.SerilogSeq, r => r.WireBytesPerEvent, false, double.PositiveInfinity);
        return md.ToString();
    }

    private static string OutageTable(HarnessOptions options, IReadOnlyList<OutageResult> outages)
    {
        var md = new StringBuilder();
        md.AppendLine(Inv, $"### Receiver down: {options.OutageEvents:N0} events logged during a {options.OutageSeconds} s outage, default sink settings");
        md.AppendLine("| peer | rep | WS before → max MB | managed heap max MB | queue bytes max / bound | delivered | counted drops | lost (uncounted) | 1st / last delivery after restore s | drop reasons | verified (failed) |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var o in outages)
        {
            string queue = o.QueueCapacityBytes > 0 ? $"{o.QueueBytesMax / 1048576.0:0.0} / {o.QueueCapacityBytes / 1048576.0:0.0} MiB" : "–";
            md.AppendLine(Inv, $"| {o.Peer} | {o.Rep} | {o.WorkingSetBeforeMb:N0} → {o.WorkingSetMaxMb:N0} | {o.ManagedHeapMaxMb:N0} | {queue} | {o.Delivered:N0} | {o.CountedDrops:N0} | **{o.Lost:N0}** | " +
                $"{o.FirstDeliveryAfterRestoreSeconds:0.0} / {o.LastDeliveryAfterRestoreSeconds:0.0} | {o.DropReasons ?? "–"}{(o.Error is null ? "" : " ERROR " + o.Error)} | {Verified(o.Peer, o.VerifiedParts, o.VerificationFailures)} |");
        }
        return md.ToString();
    }

    /// <summary>Parts the LogFlux receiver verified (summed over the reps) and how many failed; "–" for the other peers.</summary>
    private static string Verified(string peer, long verified, long failed) =>
        PeerCatalog.IsLogFlux(peer) ? string.Create(Inv, $"{verified:N0} ({failed:N0}{(failed > 0 ? " **FAILED**" : "")})") : "–";

    private static string Stat(IReadOnlyList<RunResult> set, Func<RunResult, double> metric) =>
        set.Count == 1
            ? metric(set[0]).ToString("N0", Inv)
            : string.Create(Inv, $"{Median(set, metric):N0} [{set.Min(metric):N0}–{set.Max(metric):N0}]");

    private static double Median(IReadOnlyList<RunResult> set, Func<RunResult, double> metric)
    {
        var values = set.Select(metric).Order().ToArray();
        return values.Length % 2 == 1 ? values[values.Length / 2] : (values[values.Length / 2 - 1] + values[values.Length / 2]) / 2;
    }
}
