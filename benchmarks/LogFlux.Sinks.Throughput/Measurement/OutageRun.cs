using System.Diagnostics;
using LogFlux.Sinks.Throughput.Peers;

namespace LogFlux.Sinks.Throughput.Measurement;

/// <summary>
/// The outage scenario (BASELINE §2, mode "down"): default sink settings, the receiver stops, the burst is
/// logged at once, the receiver comes back after the outage; memory is sampled every 100 ms, and what was
/// delivered, dropped with a count, and lost without one is reported after the sink was closed.
/// </summary>
internal static class OutageRun
{
    private const int Warmup = 2_000;

    public static async Task<OutageResult> RunAsync(ChildArguments args, ControlClient control)
    {
        var endpoints = args.Endpoints with { QueueLimit = 0 };
        var peer = PeerCatalog.Create(args.Peer, endpoints);
        string? error = null;

        for (int i = 0; i < Warmup; i++) peer.Log(i);
        var warm = await control.WaitForEventsAsync(Warmup, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1)).ConfigureAwait(false);
        if (warm.Events < Warmup) error = $"warm-up: {warm.Events} of {Warmup} delivered";
        await control.ResetAsync().ConfigureAwait(false);
        GC.Collect();

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var sampler = new MemorySampler(process, peer);
        double wsBefore = process.WorkingSet64 / 1048576.0;

        await control.OutageStartAsync().ConfigureAwait(false);
        var outage = Stopwatch.StartNew();
        for (int i = 0; i < args.Events; i++) peer.Log(i);
        while (outage.Elapsed < TimeSpan.FromSeconds(args.OutageSeconds))
        {
            sampler.Sample();
            await Task.Delay(100).ConfigureAwait(false);
        }
        long restoredAt = await control.OutageEndAsync().ConfigureAwait(false);

        await control.WaitForEventsAsync(args.Events, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(90), sampler.Sample).ConfigureAwait(false);
        peer.Dispose();
        var stats = await control.WaitForEventsAsync(args.Events, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        LogFluxStats? lf;
        try
        {
            lf = peer.Stats;
        }
        catch (ObjectDisposedException)
        {
            lf = null;
        }
        long drops = lf?.EntriesDropped ?? 0;

        return new OutageResult
        {
            Peer = args.Peer,
            Events = args.Events,
            WorkingSetBeforeMb = wsBefore,
            WorkingSetMaxMb = sampler.WorkingSetMax / 1048576.0,
            ManagedHeapMaxMb = sampler.HeapMax / 1048576.0,
            QueueBytesMax = sampler.QueueBytesMax,
            QueueCapacityBytes = lf?.QueueCapacityBytes ?? 0,
            Delivered = stats.Events,
            CountedDrops = drops,
            Lost = Math.Max(0, args.Events - stats.Events - drops),
            FirstDeliveryAfterRestoreSeconds = stats.FirstArrival > 0 ? Ticks.ToSeconds(stats.FirstArrival - restoredAt) : double.NaN,
            LastDeliveryAfterRestoreSeconds = stats.LastArrival > 0 ? Ticks.ToSeconds(stats.LastArrival - restoredAt) : double.NaN,
            DropReasons = lf is null ? null : string.Join(", ", lf.DropReasons.Select(kv => $"{kv.Key}={kv.Value}")),
            Error = error,
        };
    }

    private sealed class MemorySampler(Process process, IPeer peer)
    {
        public long WorkingSetMax { get; private set; }
        public long HeapMax { get; private set; }
        public long QueueBytesMax { get; private set; }

        public void Sample()
        {
            process.Refresh();
            WorkingSetMax = Math.Max(WorkingSetMax, process.WorkingSet64);
            HeapMax = Math.Max(HeapMax, GC.GetTotalMemory(false));
            if (peer.Stats is { } stats) QueueBytesMax = Math.Max(QueueBytesMax, stats.QueueBytes);
        }
    }
}
