using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NLog.Targets.LogFlux.Tests.Support;

namespace NLog.Targets.LogFlux.Tests.Lifecycle;

/// <summary>
/// <c>LogManager.Shutdown()</c> against an endpoint that refuses connections: the flush and the close share one
/// <c>shutdownTimeout</c>, and what could not be sent is reported through the InternalLogger, one line per handshake failure.
/// </summary>
public sealed class ShutdownBudgetTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    [Test]
    public async Task Shutdown_against_a_dead_endpoint_takes_one_budget_and_reports_the_drops()
    {
        await using var h = await NLogHarness.StartAsync();
        var xml = h.Config($"shutdownTimeout='{Budget.TotalSeconds}s'")
            .Replace($"customEndpointUrl='{h.Server.BaseUrl}'", $"customEndpointUrl='http://127.0.0.1:{UnusedPort()}'", StringComparison.Ordinal);
        var factory = h.Load(xml);
        var logger = factory.GetLogger("Shop");
        for (var i = 0; i < 20; i++) logger.Info("undeliverable {0}", i);

        var watch = Stopwatch.StartNew();
        factory.Shutdown();
        watch.Stop();
        TestContext.Out.WriteLine($"Shutdown took {watch.Elapsed.TotalSeconds:0.00} s with shutdownTimeout {Budget.TotalSeconds} s");

        // A flush budget followed by a second, full close budget would take at least twice the timeout.
        Assert.That(watch.Elapsed, Is.LessThan(Budget * 2), "flush and close share one shutdownTimeout");
        var log = h.InternalLog;
        Assert.That(log, Does.Contain("Dropped 20 entries").And.Contain("closed"), log);
        var handshakeLines = log.Split('\n').Where(l => l.Contains("Handshake init failed", StringComparison.Ordinal)).ToList();
        Assert.That(handshakeLines, Is.Not.Empty, log);
        Assert.That(handshakeLines, Has.All.Contains("Handshake failed (attempt "), "each failure is reported once, by the line that counts the attempts");
        Assert.That(log, Does.Not.Contain("   at "), "no stack traces below Debug");
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
