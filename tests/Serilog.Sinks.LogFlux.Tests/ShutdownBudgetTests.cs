using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Serilog.Sinks.LogFlux.Tests.Support;

namespace Serilog.Sinks.LogFlux.Tests;

/// <summary>
/// <c>Log.CloseAndFlush()</c> against an endpoint that refuses connections: bounded by one <c>shutdownTimeout</c>, and
/// what the close had to drop is reported through SelfLog (the forwarder stays subscribed while the client closes).
/// </summary>
[TestFixture]
public sealed class ShutdownBudgetTests : ReceiverTestBase
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    [Test]
    public void CloseAndFlush_against_a_dead_endpoint_takes_one_budget_and_reports_the_drops()
    {
        Log.Logger = new LoggerConfiguration()
            .WriteTo.LogFlux(o =>
            {
                ConfigureForServer(o.Client);
                o.Client.CustomEndpointUrl = $"http://127.0.0.1:{UnusedPort()}";
                o.Client.ShutdownTimeout = Budget;
            })
            .CreateLogger();
        for (var i = 0; i < 20; i++) Log.Information("undeliverable {Index}", i);

        var watch = Stopwatch.StartNew();
        Log.CloseAndFlush();
        watch.Stop();
        TestContext.Out.WriteLine($"CloseAndFlush took {watch.Elapsed.TotalSeconds:0.00} s with shutdownTimeout {Budget.TotalSeconds} s");

        Assert.That(watch.Elapsed, Is.LessThan(Budget * 2), "bounded by one shutdownTimeout");
        var lines = SelfLogLines.Lines;
        Assert.That(lines, Has.Some.Contains("Dropped 20 entries").And.Some.Contains("closed"), SelfLogLines.Text);
        var handshakeLines = lines.Where(l => l.Contains("Handshake init failed", StringComparison.Ordinal)).ToList();
        Assert.That(handshakeLines, Is.Not.Empty, SelfLogLines.Text);
        Assert.That(handshakeLines, Has.All.Contains("Handshake failed (attempt "), "each failure is reported once");
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
