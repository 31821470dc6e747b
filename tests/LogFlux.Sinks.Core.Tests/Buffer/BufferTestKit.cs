using System.Collections.Concurrent;
using System.Text;
using LogFlux.Sinks.Buffer;
using LogFlux.Sinks.Core.Tests.Transport;

namespace LogFlux.Sinks.Core.Tests.Buffer;

/// <summary>A temporary buffer directory with its diagnostics and drop reports, deleted on dispose.</summary>
internal sealed class BufferTestKit : IDisposable
{
    public static readonly DateTimeOffset BaseTime = new(2026, 3, 1, 12, 0, 0, TimeSpan.FromHours(2));

    public BufferTestKit()
    {
        Root = System.IO.Directory.CreateTempSubdirectory("logflux-buffer-tests-").FullName;
        Directory = Path.Combine(Root, "buffer");
    }

    public string Root { get; }
    public string Directory { get; }
    public DiagnosticLog Log { get; } = new();
    public ConcurrentQueue<(string Reason, long Count)> Drops { get; } = new();

    public long Dropped(string reason) => Drops.Where(d => d.Reason == reason).Sum(d => d.Count);

    public DurableBufferOptions Options(long maxBytes = DurableBufferOptions.DefaultMaxBytes, long segmentBytes = DurableBufferOptions.DefaultSegmentBytes) =>
        new(Directory)
        {
            MaxBytes = maxBytes,
            SegmentBytes = segmentBytes,
            Diagnostics = Log.Diagnostics,
            OnDrop = (reason, count) => Drops.Enqueue((reason, count)),
        };

    public DurableBuffer Open(long maxBytes = DurableBufferOptions.DefaultMaxBytes, long segmentBytes = DurableBufferOptions.DefaultSegmentBytes) =>
        DurableBuffer.Open(Options(maxBytes, segmentBytes));

    public string LaneDirectory(string lane) => Path.Combine(Directory, lane);

    public string[] Segments(string lane) =>
        System.IO.Directory.Exists(LaneDirectory(lane))
            ? System.IO.Directory.GetFiles(LaneDirectory(lane), "seg-*.lfb").Order(StringComparer.Ordinal).ToArray()
            : [];

    public static byte[] Json(int n, string extra = "") => Encoding.UTF8.GetBytes($"{{\"type\":\"log\",\"message\":\"entry {n:D4}{extra}\"}}");

    public static string Text(BufferedRecord record) => Encoding.UTF8.GetString(record.Json);

    public static void AppendLogs(DurableBuffer buffer, int from, int count, LogFluxLevel level = LogFluxLevel.Info)
    {
        for (var i = from; i < from + count; i++)
        {
            var result = buffer.Append(LogFluxEntryType.Log, level, BaseTime.AddSeconds(i), Json(i));
            Assert.That(result.Stored, Is.True, $"append {i}: {result.RefusedReason}");
        }
    }

    public static List<BufferedRecord> ReadAll(DurableBuffer buffer, int batch = 7)
    {
        var all = new List<BufferedRecord>();
        for (var guard = 0; guard < 100_000; guard++)
        {
            if (buffer.TryReadBatch(batch, all) == 0) return all;
        }
        Assert.Fail("TryReadBatch kept returning records");
        return all;
    }

    /// <summary>Size of the frame of <see cref="Json"/>(n) (all n below 10000 have the same size).</summary>
    public static int FrameSize => SegmentFormat.FrameOverhead + RecordPlaintext.HeaderSize + Json(0).Length;

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Root, recursive: true); }
        catch (IOException) { /* a test that failed mid-way may still hold a handle */ }
    }
}
