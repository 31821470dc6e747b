using LogFlux.Sinks.Testing;

namespace LogFlux.Sinks.Core.Tests.Survival;

/// <summary>
/// Process-level survival: a child process (tests/LogFlux.Sinks.ChildProcess) logs through an adapter to the
/// test receiver and reports each completed write; the test ends it normally or kills it and counts what arrived.
/// </summary>
public class ChildProcessSurvivalTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);

    [TestCase("nlog")]
    [TestCase("log4net")]
    [TestCase("core")]
    public async Task A_child_that_exits_normally_without_an_explicit_flush_loses_nothing(string adapter)
    {
        const int count = 300;
        await using var server = await LogFluxTestServer.StartAsync();
        using var child = StartChild(adapter, server.BaseUrl, count, bufferPath: null);
        var exit = await child.WaitForExitAsync(s_wait);

        var delivered = Unique(server, out var duplicates);
        TestContext.Out.WriteLine($"{adapter}: exit {exit}, logged {child.Written}, delivered {delivered.Count}, duplicated {duplicates}, dropped {child.Written - delivered.Count}");
        Assert.That(exit, Is.Zero, child.Errors);
        Assert.That(child.Written, Is.EqualTo(count));
        Assert.That(delivered, Has.Count.EqualTo(count), "the framework's exit hook delivered everything");
    }

    /// <summary>Serilog has no exit hook: the child calls <c>Log.CloseAndFlush()</c> as applications must.</summary>
    [Test]
    public Task A_serilog_child_that_closes_its_logger_loses_nothing() =>
        A_child_that_exits_normally_without_an_explicit_flush_loses_nothing("serilog");

    [Test]
    public async Task With_the_durable_buffer_a_killed_child_loses_nothing_it_reported_written()
    {
        var directory = Path.Combine(Path.GetTempPath(), "lf-child-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var server = await LogFluxTestServer.StartAsync();
            int reported;
            using (var first = StartChild("core", server.BaseUrl, 100_000, directory, delayMs: 1))
            {
                await first.WaitForWrittenAsync(400, s_wait);
                first.Kill();
                reported = first.Written;
            }
            var beforeRestart = Unique(server, out _).Count;

            // The second run replays the buffer first (same stream, older records), then sends its own entries and closes.
            using var second = StartChild("core", server.BaseUrl, 20, directory, delayMs: 50, prefix: "second");
            Assert.That(await second.WaitForExitAsync(s_wait), Is.Zero, second.Errors);

            var delivered = Unique(server, out var duplicates);
            var missing = Enumerable.Range(0, reported).Count(i => !delivered.Contains($"child-{i}"));
            TestContext.Out.WriteLine($"killed after {reported} reported writes; delivered {beforeRestart} before the restart, {delivered.Count} unique in total, duplicated {duplicates}, missing {missing}");
            Assert.That(missing, Is.Zero, "every write reported before the kill arrives");
            Assert.That(delivered.Count(m => m.StartsWith("second-", StringComparison.Ordinal)), Is.EqualTo(20));
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    private static ChildRun StartChild(string adapter, string url, int count, string? bufferPath, int delayMs = 0, string prefix = "child") =>
        ChildRun.Start([adapter, url, count.ToString(), bufferPath ?? "-", delayMs.ToString(), prefix]);

    private static HashSet<string> Unique(LogFluxTestServer server, out int duplicates)
    {
        var unique = new HashSet<string>(StringComparer.Ordinal);
        var all = 0;
        foreach (var entry in server.Entries)
        {
            all++;
            unique.Add(entry.Json.GetProperty("message").GetString()!);
        }
        duplicates = all - unique.Count;
        return unique;
    }
}
