using System.Globalization;
using NLog;
using NLog.Config;
using NLog.Layouts;
using NLog.Targets;
using NLog.Targets.LogFlux;

namespace LogFlux.Sinks.Throughput.Peers;

/// <summary>NLog into a NullTarget rendering a JsonLayout (the CPU baseline), or into the LogFlux target.</summary>
internal sealed class NLogPeer : IPeer
{
    private readonly LogFactory _factory;
    private readonly Logger _logger;
    private readonly LogFluxClientLease? _lease;

    private NLogPeer(Target target, bool networked, LogFluxClientLease? lease)
    {
        _factory = new LogFactory();
        var config = new LoggingConfiguration(_factory);
        config.AddRule(NLog.LogLevel.Info, NLog.LogLevel.Fatal, target);
        _factory.Configuration = config;
        _logger = _factory.GetLogger(SampleEvent.LoggerName)
            .WithProperty("Application", SampleEvent.Application)
            .WithProperty("Environment", SampleEvent.Environment);
        IsNetworked = networked;
        _lease = lease;
    }

    public bool IsNetworked { get; }

    public LogFluxStats? Stats => _lease?.Client.GetStats();

    public static NLogPeer Null()
    {
        var json = new JsonLayout { IncludeEventProperties = true };
        json.Attributes.Add(new JsonAttribute("time", "${date:format=o}"));
        json.Attributes.Add(new JsonAttribute("level", "${level}"));
        json.Attributes.Add(new JsonAttribute("logger", "${logger}"));
        json.Attributes.Add(new JsonAttribute("message", "${message}"));
        return new(new NullTarget("null") { Layout = json, FormatMessage = true }, false, null);
    }

    public static NLogPeer LogFlux(PeerEndpoints endpoints)
    {
        var options = new LogFluxOptions();
        SampleEvent.ApplyLogFlux(options, endpoints);
        var lease = LogFluxClientRegistry.Acquire(options);
        var target = new LogFluxTarget("logflux")
        {
            ApiKey = SampleEvent.ApiKey,
            CustomEndpointUrl = endpoints.LogFluxUrl,
            Source = SampleEvent.Application,
            Environment = SampleEvent.Environment,
            KeyPersistence = "false",
            QueueSize = options.QueueSize.ToString(CultureInfo.InvariantCulture),
            QueueMaxBytes = options.QueueMaxBytes.ToString(CultureInfo.InvariantCulture),
        };
        return new(target, true, lease);
    }

    public void Log(int i) => _logger.Info(SampleEvent.Template, i, SampleEvent.Customer, SampleEvent.Elapsed);

    public void Dispose()
    {
        _factory.Shutdown();
        _lease?.Dispose();
    }
}
