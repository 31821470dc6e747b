using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;

namespace LogFlux.Sinks.Benchmarks.Adapters;

/// <summary>
/// Microsoft.Extensions.Logging caller cost of <c>ILogger.LogInformation</c> with two properties: into a no-op provider
/// (MEL's own cost: the state and its argument array), into the OpenTelemetry logger provider with the OTLP exporter
/// (the other batching network logger for MEL) and into the LogFlux provider. Neither networked provider reaches a
/// server (nothing listens on their URL) and both queues hold every invocation, so only the logging thread's work
/// is measured.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(CaptureEndpoint.Invocations)]
public class ExtensionsLoggingCapture
{
    private ILoggerFactory _noopFactory = null!;
    private ILoggerFactory _openTelemetryFactory = null!;
    private ILoggerFactory _logFluxFactory = null!;
    private ILogger _noop = null!;
    private ILogger _openTelemetry = null!;
    private ILogger _logFlux = null!;
    private int _i;

    [GlobalSetup]
    public void Setup()
    {
        _noopFactory = LoggerFactory.Create(b => b.AddProvider(new NoopProvider()));
        _openTelemetryFactory = LoggerFactory.Create(b => b.AddOpenTelemetry(o => o.AddOtlpExporter((exporter, processor) =>
        {
            exporter.Endpoint = new Uri(CaptureEndpoint.Url + "/v1/logs");
            exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
            processor.BatchExportProcessorOptions.MaxQueueSize = CaptureEndpoint.QueueSize;
        })));
        _logFluxFactory = LoggerFactory.Create(b => b.AddLogFlux(o => CaptureEndpoint.Apply(o.ClientOptions)));
        _noop = _noopFactory.CreateLogger("Orders.Processor");
        _openTelemetry = _openTelemetryFactory.CreateLogger("Orders.Processor");
        _logFlux = _logFluxFactory.CreateLogger("Orders.Processor");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _noopFactory.Dispose();
        _openTelemetryFactory.Dispose();
        _logFluxFactory.Dispose();
    }

    [Benchmark(Baseline = true, Description = "MEL -> no-op provider")]
    public void Noop() => _noop.LogInformation("Processed {OrderId} for {Customer}", ++_i, "acme");

    [Benchmark(Description = "MEL -> OpenTelemetry + OTLP exporter (capture + enqueue)")]
    public void OpenTelemetry() => _openTelemetry.LogInformation("Processed {OrderId} for {Customer}", ++_i, "acme");

    [Benchmark(Description = "MEL -> LogFlux provider (capture + enqueue)")]
    public void LogFlux() => _logFlux.LogInformation("Processed {OrderId} for {Customer}", ++_i, "acme");

    private sealed class NoopProvider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => NoopLogger.Instance;

        public void Dispose()
        {
        }
    }

    private sealed class NoopLogger : ILogger
    {
        public static readonly NoopLogger Instance = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }
    }
}
