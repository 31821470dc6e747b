using System.Globalization;
using LogFlux.Sinks.Testing;

namespace LogFlux.Sinks.Core.Tests.Survival;

/// <summary>
/// SIGTERM in the middle of a burst (a container stop, <c>kill</c>): the core's signal handler flushes every open
/// client before the runtime's default action ends the process, so nothing written before the signal is lost, and the
/// process still ends the way SIGTERM ends it (exit status 128 + 15). Entries written while the handler flushed are
/// either delivered or reported on standard error as still unsent.
/// </summary>
public class SignalSurvivalTests
{
    private const int SigTerm = 15;
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);

    [TestCase("core")]
    [TestCase("nlog")]
    [TestCase("log4net")]
    [TestCase("serilog")]
    public async Task SIGTERM_mid_burst_delivers_everything_written_before_it(string mode)
    {
        await using var server = await LogFluxTestServer.StartAsync();
        using var child = ChildRun.Start([mode, server.BaseUrl, "100000", "-", "1", "child"]);
        await child.WaitForWrittenAsync(300, s_wait);

        var writtenBeforeSignal = child.Written;
        child.Signal(SigTerm);
        var exit = await child.WaitForExitAsync(s_wait);

        var delivered = DeliveredMessages.Of(server, "child");
        var lostBeforeSignal = Enumerable.Range(0, writtenBeforeSignal).Count(i => !delivered.Unique.Contains($"child-{i}"));
        var lostAfterSignal = Enumerable.Range(writtenBeforeSignal, Math.Max(0, child.Written - writtenBeforeSignal)).Count(i => !delivered.Unique.Contains($"child-{i}"));
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{mode}: exit {exit}, written before SIGTERM {writtenBeforeSignal}, written in all {child.Written}, delivered {delivered.Count}, lost of those before the signal {lostBeforeSignal}, not delivered of those after {lostAfterSignal}"));
        TestContext.Out.WriteLine(child.Errors);

        Assert.That(exit, Is.EqualTo(128 + SigTerm), "the process still ends the way SIGTERM ends it");
        Assert.That(lostBeforeSignal, Is.Zero, "everything written before the signal was flushed before the process ended");
        if (lostAfterSignal > 0)
            Assert.That(child.Errors, Does.Contain("still unsent"), "what was written during the flush and not delivered is reported");
    }
}
