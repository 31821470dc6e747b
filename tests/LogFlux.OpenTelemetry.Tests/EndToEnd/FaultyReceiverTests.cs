using System.Diagnostics;
using LogFlux.OpenTelemetry.Tests.Support;
using LogFlux.Sinks;
using LogFlux.Sinks.Testing;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace LogFlux.OpenTelemetry.Tests.EndToEnd;

/// <summary>
/// A receiver that is down, slow, or answers 429 or 503: ending spans (each exported where it ends) never throws and
/// never waits for the network, flush and shutdown return within their timeouts, and every span is accounted for as
/// dropped (or, when a held request may have been stored, as delivery unknown) in the client's statistics.
/// </summary>
public sealed class FaultyReceiverTests : ReceiverTestBase
{
    private const int Spans = 200;

    // Bounds that only prove "bounded": far above what the work takes, far below the network timeouts involved.
    private static readonly TimeSpan EndingBound = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ShutdownBound = TimeSpan.FromSeconds(30);

    public enum Receiver { Down, Slow, TooManyRequests, ServiceUnavailable }

    [TestCase(Receiver.Down, "network_error", "closed")]
    [TestCase(Receiver.Slow, "network_error", "closed")]
    [TestCase(Receiver.TooManyRequests, "ratelimit_backoff", "closed")]
    [TestCase(Receiver.ServiceUnavailable, "send_error", "closed")]
    public async Task The_exporter_neither_throws_nor_blocks_and_its_drops_are_counted(Receiver receiver, string reason, string orReason)
    {
        await using var down = receiver == Receiver.Down ? await LogFluxTestServer.StartAsync() : null;
        var options = ClientOptions();
        options.MaxRetries = 1;
        options.InitialDelay = TimeSpan.FromMilliseconds(20);
        options.MaxDelay = TimeSpan.FromMilliseconds(50);
        options.HttpTimeout = TimeSpan.FromSeconds(1);
        options.ShutdownTimeout = TimeSpan.FromSeconds(1);
        switch (receiver)
        {
            case Receiver.Down:
                options.CustomEndpointUrl = down!.BaseUrl;
                await down.StopAsync();
                break;
            case Receiver.Slow:
                Server.Faults.Always(FaultEndpoint.Ingest, Fault.NeverRespond());
                break;
            case Receiver.TooManyRequests:
                Server.Faults.Always(FaultEndpoint.Ingest, Fault.TooManyRequests(TimeSpan.FromMinutes(5)));
                break;
            case Receiver.ServiceUnavailable:
                Server.Faults.Always(FaultEndpoint.Ingest, Fault.Status(503));
                break;
        }
        var client = new LogFluxClient(options);
        using var source = new ActivitySource("faulty-receiver-" + receiver);
        var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(source.Name)
            .AddLogFluxExporter(o =>
            {
                o.Client = client;
                o.ExportProcessorType = ExportProcessorType.Simple;
            })
            .Build();

        var ending = Stopwatch.StartNew();
        Assert.DoesNotThrow(() =>
        {
            for (var i = 0; i < Spans; i++) source.StartActivity("work " + i)!.Stop();
        });
        ending.Stop();
        var shutdown = Stopwatch.StartNew();
        tracing.ForceFlush(1_000);
        tracing.Shutdown(1_000);
        tracing.Dispose();
        await client.CloseAsync();
        shutdown.Stop();

        var stats = client.GetStats();
        Assert.Multiple(() =>
        {
            Assert.That(ending.Elapsed, Is.LessThan(EndingBound), "ending the spans waited for the network");
            Assert.That(shutdown.Elapsed, Is.LessThan(ShutdownBound), "flush and shutdown are bounded");
            Assert.That(stats.EntriesSent, Is.Zero);
            // A request held by a slow receiver may have been stored: its spans count as delivery unknown, not as dropped.
            Assert.That(stats.EntriesDropped + stats.EntriesDeliveryUnknown, Is.EqualTo(Spans), string.Join(", ", stats.DropReasons.Select(r => $"{r.Key}={r.Value}")));
            if (receiver != Receiver.Slow) Assert.That(stats.EntriesDeliveryUnknown, Is.Zero, "no response was lost");
            Assert.That(stats.DropReasons.Keys, Is.SubsetOf(new[] { reason, orReason }));
        });
    }
}
