using System.Globalization;

namespace LogFlux.Sinks.ChildProcess;

/// <summary>
/// Tracks the durable buffer's peak size while the child logs and prints the final line
/// <c>stats dropped=&lt;n&gt; reasons=&lt;reason:n,...&gt; buffer_peak_bytes=&lt;n&gt; buffer_capacity_bytes=&lt;n&gt; buffered=&lt;n&gt; sent=&lt;n&gt; resent_ambiguous=&lt;n&gt; closed=&lt;true|false&gt;</c>.
/// Drops counted by the adapter before the client (reason <c>no_client</c>) are included.
/// </summary>
internal sealed class StatsLine(IChildMode mode)
{
    private const int SampleEvery = 20;
    private long _bufferPeak;
    private int _printed;

    /// <summary>Samples the buffer size every few writes (reading the stats on every write would slow the child down).</summary>
    public void AfterWrite(int index)
    {
        if (index % SampleEvery == 0) Observe(mode.Client.GetStats());
    }

    /// <summary>Prints the line once; safe to call from a process-exit handler.</summary>
    public void Print()
    {
        if (Interlocked.Exchange(ref _printed, 1) != 0) return;
        var stats = mode.Client.GetStats();
        Observe(stats);
        var reasons = stats.DropReasons.Where(r => r.Value > 0).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
        var noClient = mode.NoClientDrops;
        if (noClient > 0) reasons["no_client"] = reasons.GetValueOrDefault("no_client") + noClient;
        var reasonText = string.Join(",", reasons.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}:{r.Value}"));
        var c = CultureInfo.InvariantCulture;
        Console.Out.WriteLine(string.Create(c,
            $"stats dropped={stats.EntriesDropped + noClient} reasons={reasonText} buffer_peak_bytes={Volatile.Read(ref _bufferPeak)} buffer_capacity_bytes={stats.BufferCapacityBytes} buffered={stats.BufferedEntries} sent={stats.EntriesSent} unknown={stats.EntriesDeliveryUnknown} resent_ambiguous={stats.EntriesResentAfterAmbiguousFailure} closed={(stats.IsClosed ? "true" : "false")}"));
        Console.Out.Flush();
    }

    private void Observe(LogFluxStats stats)
    {
        long current;
        do
        {
            current = Volatile.Read(ref _bufferPeak);
            if (stats.BufferBytes <= current) return;
        }
        while (Interlocked.CompareExchange(ref _bufferPeak, stats.BufferBytes, current) != current);
    }
}
