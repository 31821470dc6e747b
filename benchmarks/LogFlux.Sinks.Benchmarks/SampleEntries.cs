using System.Globalization;
using LogFlux.Sinks.Pipeline;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Benchmarks;

/// <summary>The typical log entry of the baseline (about 380 B of JSON) and batches of it.</summary>
internal static class SampleEntries
{
    public static readonly GlobalContext Context = new("orders-api", "production", "1.2.3");

    private static readonly DateTimeOffset Start = new(2026, 11, 26, 12, 0, 0, 123, TimeSpan.Zero);

    public static LogEntry Log(int i)
    {
        string id = (1_048_576 + i).ToString(CultureInfo.InvariantCulture);
        var entry = new LogEntry(LogFluxLevel.Info, $"Processed {id} for acme-industries in 5 ms", Start.AddMilliseconds(i))
        {
            Logger = "Contoso.Orders.OrderProcessor",
            Attributes = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["OrderId"] = id,
                ["Customer"] = "acme-industries",
                ["Elapsed"] = "5",
                ["RequestId"] = "0HN7R2Q8KJ3VB:00000000",
                ["ThreadId"] = "10",
            },
        };
        return entry;
    }

    /// <summary>A log entry whose JSON is over the stored-gzip threshold (so it is deflated).</summary>
    public static LogEntry LargeLog()
    {
        var entry = Log(0);
        entry.Message = string.Join(' ', Enumerable.Range(0, 80).Select(n => "step " + n.ToString(CultureInfo.InvariantCulture) + " done;"));
        return entry;
    }

    public static List<PendingEntry> Batch(int count)
    {
        var list = new List<PendingEntry>(count);
        for (int i = 0; i < count; i++) list.Add(new PendingEntry(Log(i), 1024));
        return list;
    }
}
