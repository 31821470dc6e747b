using LogFlux.Sinks;
using System.Diagnostics;
using LogFlux.Sinks.Testing;
using Serilog.Sinks.LogFlux.Tests.Support;

namespace Serilog.Sinks.LogFlux.Tests;

/// <summary>Flush and shutdown through Serilog's own lifecycle, the no-client case and SelfLog forwarding.</summary>
[TestFixture]
public sealed class LifecycleTests : ReceiverTestBase
{
    [Test]
    public void CloseAndFlush_delivers_everything_accepted_before_it_returns()
    {
        Log.Logger = new LoggerConfiguration()
            .WriteTo.LogFlux(o =>
            {
                ConfigureForServer(o.Client);
                o.Client.FlushInterval = TimeSpan.FromMinutes(5);
                o.Client.BatchSize = 1000;
            })
            .CreateLogger();
        for (var i = 0; i < 50; i++) Log.Information("closing {Index}", i);

        Log.CloseAndFlush();

        var received = Received().Where(e => e.Message?.StartsWith("closing", StringComparison.Ordinal) == true).ToList();
        Assert.That(received, Has.Count.EqualTo(50), "nothing waits for the 5 minute flush interval");
    }

    [Test]
    public void CloseAndFlush_is_bounded_by_the_shutdown_timeout_when_the_receiver_hangs()
    {
        Server.Faults.Always(FaultEndpoint.Ingest, Fault.NeverRespond());
        Log.Logger = new LoggerConfiguration()
            .WriteTo.LogFlux(o =>
            {
                ConfigureForServer(o.Client);
                o.Client.ShutdownTimeout = TimeSpan.FromSeconds(1);
                o.Client.MaxRetries = 0;
            })
            .CreateLogger();
        Log.Information("never acknowledged");

        var watch = Stopwatch.StartNew();
        Log.CloseAndFlush();
        watch.Stop();

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(6)));
    }

    [Test]
    public void Without_api_key_or_init_the_sink_says_so_once_and_counts_drops()
    {
        LogFluxSdk.Close();
        var before = LogFluxSinkStatus.NoClientDrops;
        var logger = Track(new LoggerConfiguration().WriteTo.LogFlux().CreateLogger());

        Assert.That(() =>
        {
            logger.Information("dropped one");
            logger.Information("dropped two");
        }, Throws.Nothing);

        Assert.That(LogFluxSinkStatus.NoClientDrops, Is.EqualTo(before + 2));
        var lines = SelfLogLines.Lines.Where(l => l.Contains("no_client", StringComparison.Ordinal)).ToList();
        Assert.That(lines, Has.Count.EqualTo(1));
        Assert.That(lines[0], Does.Contain("LOGFLUX_API_KEY").And.Contain("LogFluxSdk.Init"));
    }

    [Test]
    public async Task Without_api_key_the_LogFlux_Init_client_is_used_even_when_initialised_later()
    {
        var logger = Track(new LoggerConfiguration().WriteTo.LogFlux(environment: "ignored-here").CreateLogger());
        Assert.That(SelfLogLines.Text, Does.Contain("Environment"), "options that cannot apply to the shared Init client are named");

        var before = LogFluxSinkStatus.NoClientDrops;
        logger.Information("before init");
        var options = new global::LogFlux.Sinks.LogFluxOptions();
        ConfigureForServer(options);
        LogFluxSdk.Init(options);
        try
        {
            logger.Information("through init");
            for (var i = 0; i < 20; i++) logger.Information("after init {Index}", i);
            var entry = await ReceiveMessage("through init");
            Assert.That(await LogFluxSdk.FlushAsync(TimeSpan.FromSeconds(20)), Is.True);
            Assert.That(entry.Level, Is.EqualTo(7));
            Assert.That(Received().Count(e => e.Message?.StartsWith("after init", StringComparison.Ordinal) == true), Is.EqualTo(20), "no event after Init is lost");
            Assert.That(LogFluxSinkStatus.NoClientDrops - before, Is.EqualTo(1), "only the event before Init was dropped");
        }
        finally
        {
            logger.Dispose();
            LogFluxSdk.Close();
        }
    }

    [Test]
    public async Task Client_diagnostics_reach_selflog()
    {
        var first = CreateLogger();
        var second = Track(new LoggerConfiguration().WriteTo.LogFlux(o =>
        {
            ConfigureForServer(o.Client);
            o.Client.BatchSize = 7;
        }).CreateLogger());

        Assert.That(SelfLogLines.Text, Does.Contain("BatchSize"), "the conflicting setting of the shared client is reported");
        first.Information("shared");
        second.Information("shared");
        await ReceiveMessage("shared");
        Assert.That(SelfLogLines.Text, Does.Not.Contain(ApiKey), "the API key never appears in diagnostics");
    }
}
