using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using log4net.Appender.LogFlux.Tests.Support;

namespace log4net.Appender.LogFlux.Tests;

/// <summary>
/// Closing the repository against an endpoint that refuses connections: the appender's flush and the client's close
/// share one <c>shutdownTimeout</c>, and what could not be sent is reported through LogLog, one line per handshake failure.
/// </summary>
[TestFixture]
public sealed class ShutdownBudgetTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    [Test]
    public void Shutdown_against_a_dead_endpoint_takes_one_budget_and_reports_the_drops()
    {
        using var capture = new LogLogCapture();
        using var harness = Log4NetHarness.Start($"http://127.0.0.1:{UnusedPort()}", $"<shutdownTimeout value=\"{Budget.TotalSeconds}s\" />");
        var log = harness.Logger("Shutdown");
        for (var i = 0; i < 20; i++) log.Info($"undeliverable {i}");

        var watch = Stopwatch.StartNew();
        harness.Repository.Shutdown();
        watch.Stop();
        TestContext.Out.WriteLine($"Shutdown took {watch.Elapsed.TotalSeconds:0.00} s with shutdownTimeout {Budget.TotalSeconds} s");

        // A flush budget followed by a second, full close budget would take at least twice the timeout.
        Assert.That(watch.Elapsed, Is.LessThan(Budget * 2), "flush and close share one shutdownTimeout");
        var messages = capture.Messages;
        var text = string.Join(Environment.NewLine, messages);
        Assert.That(messages, Has.Some.Contains("Dropped 20 entries").And.Some.Contains("closed"), text);
        var handshakeLines = messages.Where(m => m.Contains("Handshake init failed", StringComparison.Ordinal) && !m.StartsWith("log4net: ", StringComparison.Ordinal)).ToList();
        Assert.That(handshakeLines, Is.Not.Empty, text);
        Assert.That(handshakeLines, Has.All.Contains("Handshake failed (attempt "), "each failure is reported once, by the line that counts the attempts");
        Assert.That(text, Does.Not.Contain("   at "), "no stack traces outside log4net's debug output");
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
