using System.Diagnostics;
using System.Diagnostics.Metrics;
using LogFlux.OpenTelemetry.Tests.Support;
using LogFlux.Sinks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace LogFlux.OpenTelemetry.Tests.EndToEnd;

/// <summary>Which client the exporters use: one shared client per API key and endpoint, or none (drops counted).</summary>
public sealed class ClientSharingTests : ReceiverTestBase
{
    [Test]
    public async Task Trace_metric_and_log_exporters_of_one_key_share_one_client_and_one_handshake()
    {
        using var source = new ActivitySource("sharing-" + Guid.NewGuid().ToString("N"));
        using var meter = new Meter(source.Name);
        var counter = meter.CreateCounter<int>("shared.counter");
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(source.Name).AddLogFluxExporter(o => UseReceiver(o)).Build();
        using var metrics = Sdk.CreateMeterProviderBuilder().AddMeter(meter.Name).AddLogFluxExporter(o => UseReceiver(o)).Build();
        using var logging = LoggerFactory.Create(l => l.AddOpenTelemetry(o => o.AddLogFluxExporter(e => UseReceiver(e))));

        using (source.StartActivity("shared span")) { }
        counter.Add(4);
        logging.CreateLogger("sharing").LogWarning("shared log");
        Assert.That(tracing.ForceFlush(FlushTimeoutMilliseconds) && metrics.ForceFlush(FlushTimeoutMilliseconds), Is.True);

        await Receive(e => e.Type == "trace" && e.GetString("name") == "shared span");
        await Receive(e => e.Type == "metric" && e.GetString("name") == "shared.counter");
        var log = await Receive(e => e.Type == "log" && e.Message == "shared log");
        Assert.Multiple(() =>
        {
            Assert.That(Server.HandshakeInitCount, Is.EqualTo(1), "one client, one handshake");
            Assert.That(log.Level, Is.EqualTo(5));
            Assert.That(log.Source, Is.EqualTo("otel-tests"));
        });
    }

    [Test]
    public void Without_an_API_key_or_LogFluxSdk_Init_the_exporter_drops_and_counts_without_throwing()
    {
        // Only the late-Init test sets up LogFluxSdk.Init (and closes it); a key in the environment would be used, so it is cleared here.
        Assert.That(LogFluxSdk.Client, Is.Null);
        using (WithoutEnvironmentKey())
        {
            using var source = new ActivitySource("no-client-" + Guid.NewGuid().ToString("N"));
            using var tracing = TracingWithoutKey(source);
            var before = LogFluxExporterStatus.NoClientDrops;

            Assert.DoesNotThrow(() =>
            {
                for (var i = 0; i < 3; i++) source.StartActivity("nowhere")!.Stop();
            });

            Assert.That(LogFluxExporterStatus.NoClientDrops - before, Is.EqualTo(3));
            Assert.That(tracing.ForceFlush(FlushTimeoutMilliseconds), Is.True);
        }
    }

    [Test]
    public async Task Without_an_API_key_the_LogFluxSdk_Init_client_is_picked_up_by_the_first_export_after_Init()
    {
        using var environment = WithoutEnvironmentKey();
        using var source = new ActivitySource("late-" + Guid.NewGuid().ToString("N"));
        using var tracing = TracingWithoutKey(source);
        var before = LogFluxExporterStatus.NoClientDrops;
        source.StartActivity("before init")!.Stop();

        LogFluxSdk.Init(ClientOptions());
        try
        {
            for (var i = 0; i < 20; i++) source.StartActivity("after init")!.Stop();
            Assert.That(tracing.ForceFlush(FlushTimeoutMilliseconds) && await LogFluxSdk.FlushAsync(Wait), Is.True);
            Assert.That(Received().Count(e => e.Type == "trace" && e.GetString("name") == "after init"), Is.EqualTo(20), "no span after Init is lost");
            Assert.That(LogFluxExporterStatus.NoClientDrops - before, Is.EqualTo(1), "only the span before Init was dropped");
        }
        finally
        {
            await LogFluxSdk.CloseAsync();
        }
    }

    private static TracerProvider TracingWithoutKey(ActivitySource source) =>
        Sdk.CreateTracerProviderBuilder().AddSource(source.Name).AddLogFluxExporter(o => o.ExportProcessorType = ExportProcessorType.Simple).Build();

    /// <summary>Clears <c>LOGFLUX_API_KEY</c> until disposed, so that only <c>LogFluxSdk.Init</c> can provide a client.</summary>
    private static IDisposable WithoutEnvironmentKey()
    {
        var key = Environment.GetEnvironmentVariable("LOGFLUX_API_KEY");
        Environment.SetEnvironmentVariable("LOGFLUX_API_KEY", null);
        return new Restore(() => Environment.SetEnvironmentVariable("LOGFLUX_API_KEY", key));
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    [Test]
    public void An_invalid_API_key_fails_when_the_provider_is_built_with_a_clear_error()
    {
        var error = Assert.Throws<LogFluxConfigurationException>(() =>
            Sdk.CreateTracerProviderBuilder().AddLogFluxExporter(o => o.ClientOptions.ApiKey = "not-a-key").Build());
        Assert.That(error!.Message, Does.Contain("API key").IgnoreCase);
    }

    [Test]
    public void A_non_positive_metric_export_interval_is_refused_with_a_clear_error()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Sdk.CreateMeterProviderBuilder().AddLogFluxExporter(o => o.MetricExportInterval = TimeSpan.Zero).Build());
        Assert.That(error!.Message, Does.Contain("MetricExportInterval"));
    }
}
