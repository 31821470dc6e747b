using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Sinks.OpenTelemetry;

namespace LogFlux.Sinks.Throughput.Peers;

/// <summary>Serilog into a no-op sink, LogFlux, Seq 9.1 (CLEF) and OpenTelemetry 4.2 (HTTP/protobuf).</summary>
internal sealed class SerilogPeer : IPeer
{
    private readonly Logger _logger;
    private readonly LogFluxClientLease? _lease;

    private SerilogPeer(Logger logger, bool networked, LogFluxClientLease? lease)
    {
        _logger = logger;
        IsNetworked = networked;
        _lease = lease;
    }

    public bool IsNetworked { get; }

    public LogFluxStats? Stats => _lease?.Client.GetStats();

    public static SerilogPeer Null() => new(Enriched().WriteTo.Sink(new NoopSink()).CreateLogger(), false, null);

    public static SerilogPeer LogFlux(PeerEndpoints endpoints)
    {
        var options = new LogFluxOptions();
        SampleEvent.ApplyLogFlux(options, endpoints);
        var lease = LogFluxClientRegistry.Acquire(options);
        var logger = Enriched().WriteTo.LogFlux(o => SampleEvent.ApplyLogFlux(o.Client, endpoints)).CreateLogger();
        return new(logger, true, lease);
    }

    public static SerilogPeer Seq(PeerEndpoints endpoints)
    {
        var logger = endpoints.QueueLimit > 0
            ? Enriched().WriteTo.Seq(endpoints.PeerUrl, queueSizeLimit: endpoints.QueueLimit).CreateLogger()
            : Enriched().WriteTo.Seq(endpoints.PeerUrl).CreateLogger();
        return new(logger, true, null);
    }

    public static SerilogPeer Otlp(PeerEndpoints endpoints)
    {
        var logger = Enriched().WriteTo.OpenTelemetry(o =>
        {
            o.Endpoint = endpoints.PeerUrl;
            o.Protocol = OtlpProtocol.HttpProtobuf;
            if (endpoints.QueueLimit > 0) o.BatchingOptions.QueueLimit = endpoints.QueueLimit;
        }).CreateLogger();
        return new(logger, true, null);
    }

    public void Log(int i) => _logger.Information(SampleEvent.Template, i, SampleEvent.Customer, SampleEvent.Elapsed);

    public void Dispose()
    {
        _logger.Dispose();
        _lease?.Dispose();
    }

    private static LoggerConfiguration Enriched() => new LoggerConfiguration()
        .MinimumLevel.Information()
        .Enrich.WithProperty("Application", SampleEvent.Application)
        .Enrich.WithProperty("Environment", SampleEvent.Environment);

    private sealed class NoopSink : ILogEventSink
    {
        public void Emit(LogEvent logEvent)
        {
        }
    }
}
