using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NLog.Targets.LogFlux.Tests.Support;

namespace NLog.Targets.LogFlux.Tests.Lifecycle;

/// <summary><c>LogManager.Flush()</c> / <c>Shutdown()</c> deliver everything accepted, within a bounded time.</summary>
public sealed class FlushAndShutdownTests
{
    // A flush interval far longer than the test: only an explicit flush or shutdown can send the entries.
    private const string SlowBatches = "flushInterval='1h' batchSize='1000'";

    [Test]
    public async Task Flush_delivers_everything_logged_before_it()
    {
        await using var h = await NLogHarness.StartAsync();
        var factory = h.Load(h.Config().Replace("flushInterval='100ms'", SlowBatches, StringComparison.Ordinal));
        var logger = factory.GetLogger("Shop");
        for (var i = 0; i < 50; i++) logger.Info("flush {0}", i);

        Exception? failure = new InvalidOperationException("continuation not called");
        var done = new TaskCompletionSource();
        factory.Flush(ex => { failure = ex; done.TrySetResult(); }, NLogHarness.Wait);
        await done.Task.WaitAsync(NLogHarness.Wait);

        Assert.That(failure, Is.Null);
        Assert.That(h.Received.Count(e => e.Message!.StartsWith("flush ", StringComparison.Ordinal)), Is.EqualTo(50));
    }

    [Test]
    public async Task Shutdown_delivers_everything_and_closes_the_client()
    {
        await using var h = await NLogHarness.StartAsync();
        var factory = h.Load(h.Config(targetsAttributes: "async='true'").Replace("flushInterval='100ms'", SlowBatches, StringComparison.Ordinal));
        var logger = factory.GetLogger("Shop");
        var target = factory.Configuration!.AllTargets.OfType<LogFluxTarget>().Single();
        for (var i = 0; i < 30; i++) logger.Info("shutdown {0}", i);

        factory.Shutdown();

        Assert.That(h.Received.Count(e => e.Message!.StartsWith("shutdown ", StringComparison.Ordinal)), Is.EqualTo(30));
        Assert.That(target.GetStats(), Is.Null, "the target released its client");
    }

    [Test]
    public async Task Flush_against_an_unreachable_endpoint_reports_failure_within_the_shutdown_timeout()
    {
        await using var h = await NLogHarness.StartAsync();
        var xml = h.Config($"shutdownTimeout='1s' maxRetries='0' httpTimeout='1s'")
            .Replace($"customEndpointUrl='{h.Server.BaseUrl}'", $"customEndpointUrl='http://127.0.0.1:{UnusedPort()}'", StringComparison.Ordinal);
        var factory = h.Load(xml);
        factory.GetLogger("Shop").Info("nowhere to go");

        Exception? failure = null;
        var done = new TaskCompletionSource();
        var watch = Stopwatch.StartNew();
        factory.Flush(ex => { failure = ex; done.TrySetResult(); }, TimeSpan.FromSeconds(30));
        await done.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        Assert.That(failure, Is.Not.Null);
        Assert.That(failure!.Message, Does.Contain("not every queued entry was delivered"));
        Assert.That(failure.Message, Does.Not.Contain(h.ApiKey));
    }

    [Test]
    public async Task Shutdown_with_an_unreachable_endpoint_returns_within_the_deadline()
    {
        await using var h = await NLogHarness.StartAsync();
        var xml = h.Config($"shutdownTimeout='1s' maxRetries='0' httpTimeout='1s'")
            .Replace($"customEndpointUrl='{h.Server.BaseUrl}'", $"customEndpointUrl='http://127.0.0.1:{UnusedPort()}'", StringComparison.Ordinal);
        var factory = h.Load(xml);
        factory.GetLogger("Shop").Info("lost cause");

        var watch = Stopwatch.StartNew();
        factory.Shutdown();

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public async Task Two_targets_with_the_same_key_share_one_client_that_closes_with_the_last()
    {
        await using var h = await NLogHarness.StartAsync();
        var xml = $$"""
            <nlog>
              {{NLogHarness.Extensions}}
              <targets>
                <target name='a' type='LogFlux' {{h.Connection}} />
                <target name='b' type='LogFlux' {{h.Connection}} message='b: ${message}' />
              </targets>
              <rules><logger name='*' minlevel='Info' writeTo='a,b' /></rules>
            </nlog>
            """;
        var factory = h.Load(xml);

        factory.GetLogger("Shop").Info("shared");
        await h.WaitForMessageAsync("shared");
        await h.WaitForMessageAsync("b: shared");

        var targets = factory.Configuration!.AllTargets.OfType<LogFluxTarget>().ToList();
        Assert.That(targets[0].GetStats()!.EntriesQueued, Is.EqualTo(targets[1].GetStats()!.EntriesQueued));
        Assert.That(targets[0].GetStats()!.EntriesQueued, Is.EqualTo(2));
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
