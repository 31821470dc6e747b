using System.Diagnostics;
using System.Globalization;
using LogFlux.Sinks.Testing;

namespace LogFlux.Sinks.Core.Tests.Survival;

/// <summary>
/// Eight child processes (tests/LogFlux.Sinks.ChildProcess) — the core client and each adapter, each with the durable
/// buffer and without it — log at a steady pace through ONE one-minute receiver outage, each under its own message
/// prefix. Every child is reported as logged / delivered / dropped by reason / duplicated, with its buffer's peak
/// against its bound. With the buffer nothing is lost and the bound holds; without it every entry that did not
/// arrive is counted as dropped.
/// </summary>
[Category("Slow")]
public class OutageSurvivalTests
{
    private const int OutageSeconds = 60;
    private const int Count = 3_000;
    /// <summary>About 23 ms per entry: logging spans roughly 70 s, so it runs before, through and after the outage.</summary>
    private const int DelayMs = 23;
    /// <summary>
    /// Four times the largest one-minute backlog (~0.7 MB for Serilog's entries), and small enough that the buffer's
    /// segments (a sixteenth of the bound) turn over during the run, so the peak measures the backlog, not the run.
    /// </summary>
    private const long BufferMaxBytes = 4L * 1024 * 1024;
    private static readonly string[] s_modes = ["core", "nlog", "serilog", "log4net"];
    private static readonly TimeSpan s_startWait = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_exitWait = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Short retries, set through the <c>LOGFLUX_*</c> variables that every adapter reads for options its configuration
    /// leaves unset: without the buffer a batch is dropped after about 1.4 s of failures, so a one-minute outage must
    /// drop; with the buffer the sender keeps retrying at most ~2.5 s apart and resumes soon after the restart.
    /// </summary>
    private static readonly Dictionary<string, string> s_retryEnvironment = new()
    {
        ["LOGFLUX_MAX_RETRIES"] = "3",
        ["LOGFLUX_INITIAL_DELAY"] = "200",
        ["LOGFLUX_MAX_DELAY"] = "2",
    };

    [Test]
    public async Task A_one_minute_receiver_outage_loses_nothing_with_the_buffer_and_counts_every_drop_without_it_in_every_mode()
    {
        var root = Path.Combine(Path.GetTempPath(), "lf-outage-" + Guid.NewGuid().ToString("N"));
        var children = new List<OutageChild>();
        try
        {
            await using var server = await LogFluxTestServer.StartAsync();
            var clock = Stopwatch.StartNew();
            foreach (var mode in s_modes)
            {
                foreach (var buffered in new[] { true, false })
                {
                    var prefix = mode + (buffered ? "-on" : "-off");
                    var directory = buffered ? Path.Combine(root, prefix) : null;
                    children.Add(new OutageChild(mode, buffered, prefix, StartChild(mode, server.BaseUrl, directory, prefix)));
                }
            }

            // A few seconds of normal delivery from every child before the receiver goes away.
            await Task.WhenAll(children.Select(c => server.WaitForEntryAsync(e => DeliveredMessages.HasPrefix(DeliveredMessages.MessageOf(e), c.Prefix), s_startWait)));
            await Task.WhenAll(children.Select(c => c.Run.WaitForWrittenAsync(200, s_startWait)));
            await server.StopAsync();
            var outageStart = clock.Elapsed;
            var writtenAtStop = string.Join(", ", children.Select(c => $"{c.Prefix} {c.Run.Written}"));

            // The scenario is a real minute without a receiver.
            await Task.Delay(TimeSpan.FromSeconds(OutageSeconds));
            await server.RestartAsync();
            var outageEnd = clock.Elapsed;

            var exits = await Task.WhenAll(children.Select(c => c.Run.WaitForExitAsync(s_exitWait)));
            var total = clock.Elapsed;

            var rows = children.Select(c => OutageRow.Of(c.Mode, c.Buffered, c.Run, DeliveredMessages.Of(server, c.Prefix))).ToList();
            TestContext.Out.WriteLine($"outage {outageStart.TotalSeconds:0.0}s..{outageEnd.TotalSeconds:0.0}s ({OutageSeconds}s), children done at {total.TotalSeconds:0.0}s");
            TestContext.Out.WriteLine($"written at stop: {writtenAtStop}");
            TestContext.Out.WriteLine(OutageRow.Header);
            foreach (var row in rows) TestContext.Out.WriteLine(row.Line);

            Assert.That(exits, Is.All.Zero, () => string.Join(Environment.NewLine, children.Select(c => $"{c.Prefix}: {c.Run.Errors}")));
            Assert.Multiple(() =>
            {
                foreach (var row in rows) AssertRow(row);
            });
        }
        finally
        {
            foreach (var child in children) child.Run.Dispose();
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    private static void AssertRow(OutageRow row)
    {
        var who = $"{row.Mode}, buffer {(row.Buffered ? "on" : "off")}: ";
        Assert.That(row.Stats, Is.Not.Null, who + "the child printed its stats");
        if (row.Stats is not { } stats) return;
        Assert.That(stats.Closed, Is.True, who + "the stats were taken after the client closed");
        Assert.That(row.Logged, Is.EqualTo(Count), who + "logged");
        if (row.Buffered)
        {
            Assert.That(row.Delivered, Is.EqualTo(row.Logged), who + "with the durable buffer nothing is lost");
            Assert.That(stats.Dropped, Is.Zero, who + "with the durable buffer nothing is dropped");
            Assert.That(stats.BufferCapacityBytes, Is.EqualTo(BufferMaxBytes), who + "buffer bound");
            Assert.That(stats.BufferPeakBytes, Is.GreaterThan(0).And.LessThanOrEqualTo(BufferMaxBytes), who + "the buffer held the backlog within its byte bound");
        }
        else
        {
            Assert.That(stats.Dropped, Is.GreaterThan(0), who + "a one-minute outage exhausts the retries of an in-memory client");
            Assert.That(row.Uncounted, Is.Zero, who + "every entry that did not arrive is counted as dropped or as delivery unknown");
            Assert.That(row.Overcounted, Is.Zero, who + "no entry counted as dropped was stored by the receiver");
        }
    }

    private static ChildRun StartChild(string mode, string url, string? bufferPath, string prefix) =>
        ChildRun.Start(
        [
            mode, url, Count.ToString(CultureInfo.InvariantCulture), bufferPath ?? "-",
            DelayMs.ToString(CultureInfo.InvariantCulture), prefix, BufferMaxBytes.ToString(CultureInfo.InvariantCulture),
        ],
        s_retryEnvironment);

    private sealed record OutageChild(string Mode, bool Buffered, string Prefix, ChildRun Run);
}
