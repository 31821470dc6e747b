using System.Diagnostics;
using LogFlux.Sinks.Throughput.Peers;
using LogFlux.Sinks.Throughput.Receiver;

namespace LogFlux.Sinks.Throughput.Measurement;

/// <summary>
/// One measured run inside a child process (BASELINE method): warm up and wait for delivery, reset the
/// receiver, then log N events either as fast as possible (burst) or in chunks with at most one chunk in
/// flight (paced), and wait for the last arrival.
/// </summary>
internal static class ChildRun
{
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(30);

    public static async Task<RunResult> RunAsync(ChildArguments args, ControlClient control)
    {
        using var peer = PeerCatalog.Create(args.Peer, args.Endpoints);
        string? error = null;

        for (int i = 0; i < args.Warmup; i++) peer.Log(i);
        if (peer.IsNetworked)
        {
            var warm = await control.WaitForEventsAsync(args.Warmup, Stall, TimeSpan.FromMinutes(2)).ConfigureAwait(false);
            if (warm.Events < args.Warmup) error = $"warm-up: {warm.Events} of {args.Warmup} delivered";
        }
        await control.ResetAsync().ConfigureAwait(false);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        long alloc0 = GC.GetTotalAllocatedBytes(true);
        var pause0 = GC.GetTotalPauseDuration();
        long callerCpu = 0;
        var cpu0 = process.TotalProcessorTime;
        long start = Stopwatch.GetTimestamp();
        long producerTicks = 0;
        int n = args.Events;

        if (args.Mode == "burst")
        {
            long cpuStart = ThreadCpu.NowNs();
            for (int i = 0; i < n; i++) peer.Log(i);
            producerTicks = Stopwatch.GetTimestamp() - start;
            callerCpu = ThreadCpu.NowNs() - cpuStart;
        }
        else
        {
            for (int from = 0; from < n; from += args.Chunk)
            {
                int to = Math.Min(n, from + args.Chunk);
                long chunkStart = Stopwatch.GetTimestamp();
                long cpuStart = ThreadCpu.NowNs();
                for (int i = from; i < to; i++) peer.Log(i);
                callerCpu += ThreadCpu.NowNs() - cpuStart;
                producerTicks += Stopwatch.GetTimestamp() - chunkStart;
                if (!peer.IsNetworked) continue;
                var chunk = await control.WaitForEventsAsync(to, Stall, TimeSpan.FromMinutes(2)).ConfigureAwait(false);
                if (chunk.Events < to)
                {
                    error = $"paced: only {chunk.Events} of {to} delivered";
                    break;
                }
            }
        }

        long delivered = n;
        long end = Stopwatch.GetTimestamp();
        ReceiverStats? stats = null;
        if (peer.IsNetworked)
        {
            stats = await control.WaitForEventsAsync(n, Stall, Limit(n)).ConfigureAwait(false);
            delivered = stats.Events;
            if (stats.LastArrival > 0) end = stats.LastArrival;
            if (delivered < n) error ??= $"{delivered} of {n} delivered";
        }
        var cpu1 = process.TotalProcessorTime;
        long alloc1 = GC.GetTotalAllocatedBytes(true);
        var pause1 = GC.GetTotalPauseDuration();
        await control.MarkAsync().ConfigureAwait(false);
        process.Refresh();
        var lf = peer.Stats;

        double perEvent = Math.Max(1, delivered);
        return new RunResult
        {
            Peer = args.Peer,
            Mode = args.Mode,
            Events = n,
            Delivered = delivered,
            ProducerNsPerEvent = Ticks.ToNs(producerTicks) / n,
            CallerCpuNsPerEvent = callerCpu / (double)n,
            GcPauseNsPerEvent = (pause1 - pause0).TotalNanoseconds / perEvent,
            EventsPerSecond = delivered / Ticks.ToSeconds(end - start),
            CpuNsPerEvent = (cpu1 - cpu0).TotalNanoseconds / perEvent,
            AllocBytesPerEvent = (alloc1 - alloc0) / perEvent,
            PeakWorkingSetMb = process.PeakWorkingSet64 / 1048576.0,
            WireBytesPerEvent = stats is null ? 0 : stats.WireBytes / perEvent,
            Requests = stats?.Requests ?? 0,
            Gen0 = GC.CollectionCount(0) - gen0,
            Gen1 = GC.CollectionCount(1) - gen1,
            Gen2 = GC.CollectionCount(2) - gen2,
            CountedDrops = lf?.EntriesDropped ?? 0,
            Error = error,
        };
    }

    /// <summary>The longest wait for a delivery: generous, since the slowest peers move ~100k events/s.</summary>
    private static TimeSpan Limit(int events) => TimeSpan.FromSeconds(60 + events / 10_000.0);
}

/// <summary>Stopwatch tick conversions.</summary>
internal static class Ticks
{
    public static double ToSeconds(long ticks) => ticks / (double)Stopwatch.Frequency;

    public static double ToNs(long ticks) => ticks * 1e9 / Stopwatch.Frequency;
}
