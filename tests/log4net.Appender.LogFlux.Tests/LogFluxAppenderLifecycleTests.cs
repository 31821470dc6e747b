using System.Diagnostics;
using log4net.Appender.LogFlux.Tests.Support;
using log4net.Repository;
using LogFlux.Sinks.Testing;

namespace log4net.Appender.LogFlux.Tests;

/// <summary>log4net's flush and shutdown deliver everything accepted, within a bounded time.</summary>
public sealed class LogFluxAppenderLifecycleTests : ReceiverFixture
{
    // A long interval and a large batch: nothing is sent unless a flush or shutdown sends it.
    private const string HoldBack = """<flushInterval value="1h" /><batchSize value="1000" />""";

    [Test]
    public void RepositoryFlush_DeliversEverythingQueued()
    {
        using var harness = Log4NetHarness.Start(Server.BaseUrl, HoldBack);
        var log = harness.Logger("Flush");
        for (var i = 0; i < 50; i++) log.Info("entry " + i);

        var flushed = ((LoggerRepositorySkeleton)harness.Repository).Flush(10_000);

        Assert.Multiple(() =>
        {
            Assert.That(flushed, Is.True);
            Assert.That(Server.Entries.Count(e => e.ApiKey == harness.ApiKey), Is.EqualTo(50));
        });
    }

    [Test]
    public void RepositoryShutdown_DeliversEverythingQueued()
    {
        var harness = Log4NetHarness.Start(Server.BaseUrl, HoldBack);
        var log = harness.Logger("Shutdown");
        for (var i = 0; i < 30; i++) log.Info("entry " + i);
        log.Counter("jobs", 30);

        harness.Repository.Shutdown();

        var received = Server.Entries.Where(e => e.ApiKey == harness.ApiKey).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(received.Count(e => e.Type == "log"), Is.EqualTo(30));
            Assert.That(received.Count(e => e.Type == "metric"), Is.EqualTo(1));
        });
    }

    [Test]
    public void AfterShutdown_LoggingDoesNotThrow()
    {
        var harness = Log4NetHarness.Start(Server.BaseUrl);
        var log = harness.Logger("Closed");
        harness.Repository.Shutdown();

        Assert.DoesNotThrow(() => log.Info("after shutdown"));
    }

    [Test]
    public async Task Flush_WithAReceiverThatNeverAnswers_ReturnsFalseWithinItsTimeout()
    {
        await using var stuck = await LogFluxTestServer.StartAsync();
        stuck.Faults.Always(FaultEndpoint.Ingest, Fault.NeverRespond());
        using var harness = Log4NetHarness.Start(stuck.BaseUrl, HoldBack + """<shutdownTimeout value="1s" /><httpTimeout value="30s" />""");
        harness.Logger("Stuck").Info("cannot be delivered yet");

        var watch = Stopwatch.StartNew();
        var flushed = harness.Appender.Flush(300);
        watch.Stop();

        Assert.Multiple(() =>
        {
            Assert.That(flushed, Is.False);
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
        });
    }
}
