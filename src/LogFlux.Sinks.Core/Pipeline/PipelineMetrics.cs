using System.Diagnostics.Metrics;

namespace LogFlux.Sinks.Pipeline;

/// <summary>
/// Publishes a pipeline's figures as observable instruments on a <see cref="Meter"/> named <c>LogFlux.Sinks</c>,
/// each measurement tagged with <c>logflux.client.id</c>. The meter lives as long as the pipeline.
/// </summary>
internal sealed class PipelineMetrics : IDisposable
{
    public const string MeterName = "LogFlux.Sinks";
    public const string ClientIdTag = "logflux.client.id";
    public const string ReasonTag = "reason";

    private readonly Meter _meter;
    private readonly KeyValuePair<string, object?> _clientTag;

    public PipelineMetrics(string clientId, Func<LogFluxStats> stats, DropCounters drops)
    {
        ClientId = clientId;
        _clientTag = new KeyValuePair<string, object?>(ClientIdTag, clientId);
        _meter = new Meter(MeterName, typeof(PipelineMetrics).Assembly.GetName().Version?.ToString());

        LogFluxStats Read() => stats();

        Counter("logflux.entries.queued", "{entry}", "Entries accepted into the queue.", () => Read().EntriesQueued);
        Counter("logflux.entries.sent", "{entry}", "Entries acknowledged by the server.", () => Read().EntriesSent);
        _meter.CreateObservableCounter("logflux.entries.dropped", () => DropMeasurements(drops), "{entry}", "Entries dropped, by reason.");
        Counter("logflux.entries.delivery_unknown", "{entry}", "Entries whose batch gave up after a lost response: the server may or may not have stored them.", () => Read().EntriesDeliveryUnknown);
        Counter("logflux.entries.sampled_out", "{entry}", "Entries not sent because of sampling.", () => Read().EntriesSampledOut);
        Counter("logflux.entries.resent_after_ambiguous_failure", "{entry}", "Entries resent after a network failure the server may have seen.", () => Read().EntriesResentAfterAmbiguousFailure);
        Counter("logflux.requests", "{request}", "Ingest requests made.", () => Read().Requests);
        Counter("logflux.retries", "{retry}", "Retries after server errors or network failures.", () => Read().Retries);
        Counter("logflux.bytes.sent", "By", "Request bytes acknowledged by the server.", () => Read().BytesSent);
        Counter("logflux.handshakes", "{handshake}", "Handshakes completed.", () => Read().Handshakes);
        Gauge("logflux.queue.depth", "{entry}", "Entries waiting in the queue.", () => Read().QueueDepth);
        Gauge("logflux.queue.bytes", "By", "Estimated bytes held by the queue.", () => Read().QueueBytes);
        Gauge("logflux.queue.capacity", "{entry}", "Queue capacity in entries.", () => Read().QueueCapacity);
        Gauge("logflux.queue.capacity_bytes", "By", "Queue capacity in estimated bytes.", () => Read().QueueCapacityBytes);
        Gauge("logflux.in_flight", "{entry}", "Entries in batches being sent.", () => Read().InFlight);
    }

    public string ClientId { get; }

    public Meter Meter => _meter;

    public void Dispose() => _meter.Dispose();

    private void Counter(string name, string unit, string description, Func<long> read) =>
        _meter.CreateObservableCounter(name, () => new Measurement<long>(read(), _clientTag), unit, description);

    private void Gauge(string name, string unit, string description, Func<long> read) =>
        _meter.CreateObservableGauge(name, () => new Measurement<long>(read(), _clientTag), unit, description);

    private IEnumerable<Measurement<long>> DropMeasurements(DropCounters drops)
    {
        foreach (var pair in drops.Current())
        {
            yield return new Measurement<long>(pair.Value, _clientTag, new KeyValuePair<string, object?>(ReasonTag, pair.Key));
        }
    }
}
