using System.Globalization;
using LogFlux.Sinks.Testing;

namespace LogFlux.Sinks.Core.Tests.Survival;

/// <summary>
/// Process-level survival: a child process (tests/LogFlux.Sinks.ChildProcess) logs through the core client or an
/// adapter to the test receiver and reports each completed write; the test ends it normally or kills it and counts
/// what arrived.
/// </summary>
public class ChildProcessSurvivalTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);

    [TestCase("nlog")]
    [TestCase("log4net")]
    [TestCase("core")]
    public async Task A_child_that_exits_normally_without_an_explicit_flush_loses_nothing(string mode)
    {
        const int count = 300;
        await using var server = await LogFluxTestServer.StartAsync();
        using var child = StartChild(mode, server.BaseUrl, count, bufferPath: null);
        var exit = await child.WaitForExitAsync(s_wait);

        var delivered = DeliveredMessages.Of(server);
        TestContext.Out.WriteLine($"{mode}: exit {exit}, logged {child.Written}, delivered {delivered.Count}, duplicated {delivered.Duplicated}, dropped {child.Stats?.Dropped.ToString(CultureInfo.InvariantCulture) ?? "(no stats)"} {child.Stats?.Reasons}");
        Assert.That(exit, Is.Zero, child.Errors);
        Assert.That(child.Written, Is.EqualTo(count));
        Assert.That(delivered.Count, Is.EqualTo(count), "the framework's exit hook delivered everything");
    }

    /// <summary>Serilog has no exit hook: the child calls <c>Log.CloseAndFlush()</c> as applications must.</summary>
    [Test]
    public Task A_serilog_child_that_closes_its_logger_loses_nothing() =>
        A_child_that_exits_normally_without_an_explicit_flush_loses_nothing("serilog");

    /// <summary>
    /// SIGKILL after a few hundred writes (no exit hook runs), then a second run on the same buffer directory: it
    /// replays what the first run left, sends its own entries and closes the way the framework does.
    /// </summary>
    [TestCase("core")]
    [TestCase("nlog")]
    [TestCase("serilog")]
    [TestCase("log4net")]
    public async Task With_the_durable_buffer_a_killed_child_loses_nothing_it_reported_written(string mode)
    {
        const int secondCount = 20;
        var directory = Path.Combine(Path.GetTempPath(), "lf-child-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var server = await LogFluxTestServer.StartAsync();
            int reported;
            using (var first = StartChild(mode, server.BaseUrl, 100_000, directory, delayMs: 1))
            {
                await first.WaitForWrittenAsync(400, s_wait);
                first.Kill();
                reported = first.Written;
            }
            var beforeRestart = DeliveredMessages.Of(server, "child").Count;

            using var second = StartChild(mode, server.BaseUrl, secondCount, directory, delayMs: 50, prefix: "second");
            Assert.That(await second.WaitForExitAsync(s_wait), Is.Zero, second.Errors);

            var delivered = DeliveredMessages.Of(server, "child");
            var missing = Enumerable.Range(0, reported).Count(i => !delivered.Unique.Contains($"child-{i}"));
            var stats = second.Stats;
            TestContext.Out.WriteLine(
                $"{mode}: killed after {reported} reported writes; delivered {beforeRestart} before the restart, {delivered.Count} unique in total " +
                $"(incl. {Math.Max(0, delivered.Count - reported)} written but not yet reported), duplicated {delivered.Duplicated}, missing {missing}; " +
                $"second run: dropped {stats?.Dropped ?? -1}{(stats?.Reasons is { Length: > 0 } reasons ? $" ({reasons})" : "")}, resent after ambiguous failure {stats?.ResentAfterAmbiguousFailure ?? -1}");
            Assert.That(missing, Is.Zero, "every write reported before the kill arrives");
            Assert.That(DeliveredMessages.Of(server, "second").Count, Is.EqualTo(secondCount));
            Assert.That(stats, Is.Not.Null.And.Property(nameof(ChildStats.Closed)).True, "the second run printed its stats after closing");
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    private static ChildRun StartChild(string mode, string url, int count, string? bufferPath, int delayMs = 0, string prefix = "child") =>
        ChildRun.Start(
        [
            mode, url, count.ToString(CultureInfo.InvariantCulture), bufferPath ?? "-", delayMs.ToString(CultureInfo.InvariantCulture), prefix,
        ]);
}
