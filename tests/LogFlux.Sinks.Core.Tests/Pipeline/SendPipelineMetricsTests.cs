using System.Diagnostics.Metrics;
using LogFlux.Sinks.Pipeline;

namespace LogFlux.Sinks.Core.Tests.Pipeline;

public class SendPipelineMetricsTests
{
    [Test]
    public async Task The_figures_are_observable_on_the_LogFlux_Sinks_meter_tagged_with_the_client_id()
    {
        await using var h = new PipelineHarness(o => o.QueueSize = 50);
        var measurements = new List<(string Instrument, long Value, string? Reason)>();
        var completed = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == PipelineMetrics.MeterName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? client = null, reason = null;
            foreach (var tag in tags)
            {
                if (tag.Key == PipelineMetrics.ClientIdTag) client = tag.Value as string;
                if (tag.Key == PipelineMetrics.ReasonTag) reason = tag.Value as string;
            }
            if (client == h.Pipeline.ClientId) measurements.Add((instrument.Name, value, reason));
        });
        listener.MeasurementsCompleted = (instrument, _) =>
        {
            lock (completed) completed.Add(instrument.Name);
        };
        listener.Start();

        h.Enqueue(3);
        Assert.That(await PipelineHarness.Within(h.StartFlush()), Is.True);
        h.Pipeline.CountDrop(DropReasons.BeforeSend, 2);
        listener.RecordObservableInstruments();

        long Value(string name) => measurements.Single(m => m.Instrument == name).Value;
        Assert.That(Value("logflux.entries.queued"), Is.EqualTo(3));
        Assert.That(Value("logflux.entries.sent"), Is.EqualTo(3));
        Assert.That(Value("logflux.requests"), Is.EqualTo(1));
        Assert.That(Value("logflux.bytes.sent"), Is.EqualTo(24));
        Assert.That(Value("logflux.queue.capacity"), Is.EqualTo(50));
        Assert.That(Value("logflux.queue.depth"), Is.Zero);
        Assert.That(Value("logflux.in_flight"), Is.Zero);
        Assert.That(measurements.Single(m => m.Instrument == "logflux.entries.dropped"), Is.EqualTo(("logflux.entries.dropped", 2L, (string?)DropReasons.BeforeSend)));

        await PipelineHarness.Within(h.Pipeline.CloseAsync(TimeSpan.FromSeconds(1)));
        lock (completed) Assert.That(completed, Does.Contain("logflux.entries.sent"), "the meter is disposed on close");
    }
}
