using BenchmarkDotNet.Attributes;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace LogFlux.Sinks.Benchmarks.Adapters;

/// <summary>
/// Serilog caller cost: the baseline event with two enrichers into a no-op sink, into Serilog.Sinks.Seq and into the
/// LogFlux sink. Neither networked sink reaches a server (nothing listens on their URL), so their background senders
/// stay idle and only the logging thread's work is measured.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(CaptureEndpoint.Invocations)]
public class SerilogCapture
{
    private Logger _null = null!;
    private Logger _logFlux = null!;
    private Logger _seq = null!;
    private int _i;

    [GlobalSetup]
    public void Setup()
    {
        _null = Enriched().WriteTo.Sink(new NoopSink()).CreateLogger();
        _logFlux = Enriched().WriteTo.LogFlux(o => CaptureEndpoint.Apply(o.Client)).CreateLogger();
        _seq = Enriched().WriteTo.Seq(CaptureEndpoint.Url, queueSizeLimit: CaptureEndpoint.QueueSize).CreateLogger();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _null.Dispose();
        _logFlux.Dispose();
        _seq.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Serilog -> no-op sink")]
    public void Null() => _null.Information("Processed {OrderId} for {Customer} in {Elapsed} ms", ++_i, "acme", 12.5);

    [Benchmark(Description = "Serilog -> Seq sink (capture + enqueue)")]
    public void Seq() => _seq.Information("Processed {OrderId} for {Customer} in {Elapsed} ms", ++_i, "acme", 12.5);

    [Benchmark(Description = "Serilog -> LogFlux sink (capture + enqueue)")]
    public void LogFlux() => _logFlux.Information("Processed {OrderId} for {Customer} in {Elapsed} ms", ++_i, "acme", 12.5);

    private static LoggerConfiguration Enriched() => new LoggerConfiguration()
        .MinimumLevel.Information()
        .Enrich.WithProperty("Application", "orders-api")
        .Enrich.WithProperty("Environment", "production");

    private sealed class NoopSink : ILogEventSink
    {
        public void Emit(LogEvent logEvent)
        {
        }
    }
}
