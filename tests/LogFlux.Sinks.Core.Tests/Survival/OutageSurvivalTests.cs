using System.Diagnostics;
using System.Globalization;
using LogFlux.Sinks.Testing;

namespace LogFlux.Sinks.Core.Tests.Survival;

/// <summary>
/// Two child processes (tests/LogFlux.Sinks.ChildProcess, core client) log at a steady pace through a one-minute
/// receiver outage, one with the durable buffer and one without; each mode is reported as delivered / dropped by
/// reason / duplicated. With the buffer nothing is lost; without it every entry is delivered or counted as dropped.
/// </summary>
[Category("Slow")]
public class OutageSurvivalTests
{
    private const int OutageSeconds = 60;
    private const int Count = 3_000;
    /// <summary>About 23 ms per entry: logging spans roughly 70 s, so it runs before, through and after the outage.</summary>
    private const int DelayMs = 23;
    private const long BufferMaxBytes = 16L * 1024 * 1024;
    private const string BufferedPrefix = "buffered";
    private const string MemoryPrefix = "memory";

    /// <summary>
    /// Short retries: without the buffer a batch is dropped after about 1.4 s of failures, so a one-minute outage
    /// must drop; with the buffer the sender keeps retrying at most ~2.5 s apart and resumes soon after the restart.
    /// </summary>
    private static readonly Dictionary<string, string> s_retryEnvironment = new()
    {
        ["LOGFLUX_MAX_RETRIES"] = "3",
        ["LOGFLUX_INITIAL_DELAY"] = "200",
        ["LOGFLUX_MAX_DELAY"] = "2",
    };

    [Test]
    public async Task A_one_minute_receiver_outage_loses_nothing_with_the_buffer_and_counts_every_drop_without_it()
    {
        var directory = Path.Combine(Path.GetTempPath(), "lf-outage-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var server = await LogFluxTestServer.StartAsync();
            var clock = Stopwatch.StartNew();
            using var buffered = StartChild(server.BaseUrl, directory, BufferedPrefix);
            using var memory = StartChild(server.BaseUrl, null, MemoryPrefix);

            // About 5 s of normal delivery from both children before the receiver goes away.
            await server.WaitForEntryAsync(e => Message(e).StartsWith(BufferedPrefix + "-", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
            await server.WaitForEntryAsync(e => Message(e).StartsWith(MemoryPrefix + "-", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
            await Task.WhenAll(buffered.WaitForWrittenAsync(200, TimeSpan.FromSeconds(15)), memory.WaitForWrittenAsync(200, TimeSpan.FromSeconds(15)));
            await server.StopAsync();
            var outageStart = clock.Elapsed;
            var writtenAtStop = (Buffered: buffered.Written, Memory: memory.Written);

            // The scenario is a real minute without a receiver.
            await Task.Delay(TimeSpan.FromSeconds(OutageSeconds));
            await server.RestartAsync();
            var outageEnd = clock.Elapsed;

            var exits = await Task.WhenAll(buffered.WaitForExitAsync(TimeSpan.FromSeconds(30)), memory.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            var total = clock.Elapsed;

            var on = Summarise(server, buffered, BufferedPrefix);
            var off = Summarise(server, memory, MemoryPrefix);
            TestContext.Out.WriteLine($"outage {outageStart.TotalSeconds:0.0}s..{outageEnd.TotalSeconds:0.0}s ({OutageSeconds}s), children done at {total.TotalSeconds:0.0}s; written at stop: buffer on {writtenAtStop.Buffered}, off {writtenAtStop.Memory}");
            TestContext.Out.WriteLine($"{"mode",-10} {"logged",7} {"delivered",9} {"dropped",7} {"duplicated",10} {"uncounted",9}  reasons / buffer");
            TestContext.Out.WriteLine(on.Row("buffer on"));
            TestContext.Out.WriteLine(off.Row("buffer off"));

            Assert.That(exits, Is.All.Zero, () => buffered.Errors + memory.Errors);
            Assert.That(on.Stats, Is.Not.Null, "the buffered child printed its stats");
            Assert.That(off.Stats, Is.Not.Null, "the in-memory child printed its stats");
            Assert.Multiple(() =>
            {
                Assert.That(on.Logged, Is.EqualTo(Count));
                Assert.That(off.Logged, Is.EqualTo(Count));
                Assert.That(on.Delivered, Is.EqualTo(on.Logged), "with the durable buffer nothing is lost");
                Assert.That(on.Stats!.Dropped, Is.Zero, "with the durable buffer nothing is dropped");
                Assert.That(on.Stats.BufferPeakBytes, Is.GreaterThan(0).And.LessThanOrEqualTo(BufferMaxBytes), "the buffer held the backlog within its byte bound");
                Assert.That(on.Stats.BufferCapacityBytes, Is.EqualTo(BufferMaxBytes));
                Assert.That(off.Delivered + off.Stats!.Dropped, Is.GreaterThanOrEqualTo(off.Logged), "without the buffer every entry is delivered or counted as dropped");
                Assert.That(off.Stats.Dropped, Is.GreaterThan(0), "a one-minute outage exhausts the retries of the in-memory child");
            });
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    private static ChildRun StartChild(string url, string? bufferPath, string prefix) =>
        ChildRun.Start(
        [
            "core", url, Count.ToString(CultureInfo.InvariantCulture), bufferPath ?? "-",
            DelayMs.ToString(CultureInfo.InvariantCulture), prefix, BufferMaxBytes.ToString(CultureInfo.InvariantCulture),
        ],
        s_retryEnvironment);

    private static string Message(ReceivedEntry entry) => entry.Json.GetProperty("message").GetString() ?? "";

    private static ModeSummary Summarise(LogFluxTestServer server, ChildRun child, string prefix)
    {
        var unique = new HashSet<string>(StringComparer.Ordinal);
        var all = 0;
        foreach (var entry in server.Entries)
        {
            var message = Message(entry);
            if (!message.StartsWith(prefix + "-", StringComparison.Ordinal)) continue;
            all++;
            unique.Add(message);
        }
        return new ModeSummary(child.Written, unique.Count, all - unique.Count, child.Stats);
    }

    private sealed record ModeSummary(int Logged, int Delivered, int Duplicated, ChildStats? Stats)
    {
        public string Row(string mode)
        {
            var dropped = Stats?.Dropped ?? -1;
            var uncounted = Math.Max(0, Logged - Delivered - Math.Max(0, dropped));
            var reasons = Stats is null ? "(no stats)" : Stats.Reasons.Length == 0 ? "-" : Stats.Reasons;
            var buffer = Stats is null || Stats.BufferCapacityBytes == 0 ? "" : $" / peak {Stats.BufferPeakBytes} of {Stats.BufferCapacityBytes} bytes";
            return $"{mode,-10} {Logged,7} {Delivered,9} {dropped,7} {Duplicated,10} {uncounted,9}  {reasons}{buffer}";
        }
    }
}
