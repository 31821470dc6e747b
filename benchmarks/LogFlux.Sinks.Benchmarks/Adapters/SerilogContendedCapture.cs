using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using LogFlux.Sinks.Testing;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace LogFlux.Sinks.Benchmarks.Adapters;

/// <summary>
/// Serilog caller cost per event when <see cref="Threads"/> threads log at once and the receiver answers every
/// ingest request 200 ms late: the LogFlux sink against a no-op sink. Each invocation logs
/// <see cref="Threads"/> × <see cref="EventsPerThread"/> events, so the reported time is per event. The queue is
/// large enough for the whole run (the backlog grows while the receiver is slow); the client's counters are
/// printed at cleanup so any drop would show.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1, 1)]
public class SerilogContendedCapture
{
    private const int Threads = 8;
    private const int EventsPerThread = 4_096;
    private const int EventsPerInvocation = Threads * EventsPerThread;

    private LogFluxTestServer? _server;
    private Logger _null = null!;
    private Logger _logFlux = null!;

    [GlobalSetup(Target = nameof(Null))]
    public void SetupNull() => _null = Enriched().WriteTo.Sink(new NoopSink()).CreateLogger();

    [GlobalSetup(Target = nameof(LogFlux))]
    public void SetupLogFlux()
    {
        _server = LogFluxTestServer.StartAsync().GetAwaiter().GetResult();
        _server.Faults.Always(FaultEndpoint.Ingest, Fault.Delay(TimeSpan.FromMilliseconds(200)));
        _logFlux = Enriched()
            .WriteTo.LogFlux(
                apiKey: "eu-lf_benchmarkcontended000000000",
                customEndpointUrl: _server.BaseUrl,
                keyPersistence: false,
                queueSize: CaptureEndpoint.QueueSize,
                queueMaxBytes: CaptureEndpoint.QueueMaxBytes,
                shutdownTimeout: TimeSpan.FromMilliseconds(200))
            .CreateLogger();
    }

    [GlobalCleanup(Target = nameof(Null))]
    public void CleanupNull() => _null.Dispose();

    [GlobalCleanup(Target = nameof(LogFlux))]
    public void CleanupLogFlux()
    {
        // Read before disposing: the short shutdown budget leaves the backlog unsent on purpose.
        Console.WriteLine("// LogFlux client under a 200 ms receiver: " + ReadClientCounters());
        _logFlux.Dispose();
        _server?.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = EventsPerInvocation, Description = "8 threads: Serilog -> no-op sink")]
    public void Null() => RunThreads(_null);

    [Benchmark(OperationsPerInvoke = EventsPerInvocation, Description = "8 threads: Serilog -> LogFlux sink, receiver 200 ms/request")]
    public void LogFlux() => RunThreads(_logFlux);

    private static void RunThreads(Logger logger)
    {
        var tasks = new Task[Threads];
        for (var t = 0; t < Threads; t++)
        {
            // Dedicated threads: the thread pool would start only a couple of them at once on 2 cores.
            tasks[t] = Task.Factory.StartNew(static state =>
            {
                var log = (Logger)state!;
                for (var i = 0; i < EventsPerThread; i++)
                {
                    log.Information("Processed {OrderId} for {Customer} in {Elapsed} ms", i, "acme", 12.5);
                }
            }, logger, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        Task.WaitAll(tasks);
    }

    /// <summary>Reads the client's published counters (meter <c>LogFlux.Sinks</c>); only one client lives in this process.</summary>
    private static string ReadClientCounters()
    {
        var values = new SortedDictionary<string, long>(StringComparer.Ordinal);
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "LogFlux.Sinks") l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var name = instrument.Name;
            foreach (var tag in tags)
            {
                if (tag.Key == "reason") name += "[" + tag.Value + "]";
            }
            values[name] = values.GetValueOrDefault(name) + value;
        });
        listener.Start();
        listener.RecordObservableInstruments();
        string[] wanted = ["logflux.entries.queued", "logflux.entries.sent", "logflux.queue.depth", "logflux.requests"];
        var parts = wanted.Select(w => w + "=" + values.GetValueOrDefault(w)).ToList();
        var drops = values.Where(p => p.Key.StartsWith("logflux.entries.dropped", StringComparison.Ordinal)).ToList();
        parts.Add("dropped=" + drops.Sum(p => p.Value) + (drops.Count > 0 ? " (" + string.Join(", ", drops.Select(p => p.Key + "=" + p.Value)) + ")" : ""));
        return string.Join(", ", parts);
    }

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
