using BenchmarkDotNet.Attributes;
using NLog;
using NLog.Config;
using NLog.Layouts;
using NLog.Targets;
using NLog.Targets.LogFlux;

namespace LogFlux.Sinks.Benchmarks.Adapters;

/// <summary>NLog caller cost: the baseline event into a NullTarget rendering a JsonLayout, and into the LogFlux target.</summary>
[MemoryDiagnoser]
[InvocationCount(CaptureEndpoint.Invocations)]
public class NLogCapture
{
    private LogFactory _nullFactory = null!;
    private LogFactory _logFluxFactory = null!;
    private Logger _null = null!;
    private Logger _logFlux = null!;
    private int _i;

    [GlobalSetup]
    public void Setup()
    {
        var json = new JsonLayout { IncludeEventProperties = true };
        json.Attributes.Add(new JsonAttribute("time", "${date:format=o}"));
        json.Attributes.Add(new JsonAttribute("level", "${level}"));
        json.Attributes.Add(new JsonAttribute("logger", "${logger}"));
        json.Attributes.Add(new JsonAttribute("message", "${message}"));
        _nullFactory = Factory(new NullTarget("null") { Layout = json, FormatMessage = true });
        _null = _nullFactory.GetLogger("Contoso.Orders.OrderProcessor").WithProperty("Application", "orders-api").WithProperty("Environment", "production");

        var target = new LogFluxTarget("logflux")
        {
            ApiKey = CaptureEndpoint.ApiKey,
            CustomEndpointUrl = CaptureEndpoint.Url,
            QueueSize = CaptureEndpoint.QueueSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            QueueMaxBytes = CaptureEndpoint.QueueMaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            KeyPersistence = "false",
            Source = "orders-api",
        };
        _logFluxFactory = Factory(target);
        _logFlux = _logFluxFactory.GetLogger("Contoso.Orders.OrderProcessor").WithProperty("Application", "orders-api").WithProperty("Environment", "production");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _nullFactory.Shutdown();
        _logFluxFactory.Shutdown();
    }

    [Benchmark(Baseline = true, Description = "NLog -> NullTarget + JsonLayout")]
    public void Null() => _null.Info("Processed {OrderId} for {Customer} in {Elapsed} ms", ++_i, "acme", 12.5);

    [Benchmark(Description = "NLog -> LogFlux target (capture + enqueue)")]
    public void LogFlux() => _logFlux.Info("Processed {OrderId} for {Customer} in {Elapsed} ms", ++_i, "acme", 12.5);

    private static LogFactory Factory(Target target)
    {
        var factory = new LogFactory();
        var config = new LoggingConfiguration(factory);
        config.AddRule(LogLevel.Info, LogLevel.Fatal, target);
        factory.Configuration = config;
        return factory;
    }
}
