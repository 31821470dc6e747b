using BenchmarkDotNet.Attributes;
using log4net;
using log4net.Appender;
using log4net.Appender.LogFlux;
using log4net.Config;
using log4net.Layout;
using log4net.Repository;

namespace LogFlux.Sinks.Benchmarks.Adapters;

/// <summary>
/// log4net caller cost: the baseline event (<c>InfoFormat</c>, two global properties) into a TextWriterAppender
/// over <see cref="TextWriter.Null"/> with a JSON-like PatternLayout, and into the LogFlux appender.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(CaptureEndpoint.Invocations)]
public class Log4NetCapture
{
    private const string JsonPattern =
        "{\"time\":\"%utcdate{yyyy-MM-ddTHH:mm:ss.fffZ}\",\"level\":\"%level\",\"logger\":\"%logger\",\"message\":\"%message\",\"Application\":\"%property{Application}\",\"Environment\":\"%property{Environment}\"}%newline";

    private ILoggerRepository _nullRepository = null!;
    private ILoggerRepository _logFluxRepository = null!;
    private ILog _null = null!;
    private ILog _logFlux = null!;
    private int _i;

    [GlobalSetup]
    public void Setup()
    {
        GlobalContext.Properties["Application"] = "orders-api";
        GlobalContext.Properties["Environment"] = "production";

        var layout = new PatternLayout(JsonPattern);
        layout.ActivateOptions();
        var text = new TextWriterAppender { Writer = TextWriter.Null, Layout = layout, ImmediateFlush = false };
        text.ActivateOptions();
        _nullRepository = LogManager.CreateRepository("bench-null-" + Guid.NewGuid().ToString("N"));
        BasicConfigurator.Configure(_nullRepository, text);
        _null = LogManager.GetLogger(_nullRepository.Name, "Contoso.Orders.OrderProcessor");

        var appender = new LogFluxAppender
        {
            ApiKey = CaptureEndpoint.ApiKey,
            CustomEndpointUrl = CaptureEndpoint.Url,
            QueueSize = CaptureEndpoint.QueueSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            QueueMaxBytes = CaptureEndpoint.QueueMaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            KeyPersistence = "false",
            Source = "orders-api",
        };
        appender.ActivateOptions();
        _logFluxRepository = LogManager.CreateRepository("bench-logflux-" + Guid.NewGuid().ToString("N"));
        BasicConfigurator.Configure(_logFluxRepository, appender);
        _logFlux = LogManager.GetLogger(_logFluxRepository.Name, "Contoso.Orders.OrderProcessor");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _nullRepository.Shutdown();
        _logFluxRepository.Shutdown();
    }

    [Benchmark(Baseline = true, Description = "log4net -> TextWriter.Null + JSON-like PatternLayout")]
    public void Null() => _null.InfoFormat("Processed {0} for {1} in {2} ms", ++_i, "acme", 12.5);

    [Benchmark(Description = "log4net -> LogFlux appender (capture + enqueue)")]
    public void LogFlux() => _logFlux.InfoFormat("Processed {0} for {1} in {2} ms", ++_i, "acme", 12.5);
}
