using System.Globalization;
using log4net;
using log4net.Appender;
using log4net.Appender.LogFlux;
using log4net.Config;
using log4net.Layout;
using log4net.Repository;

namespace LogFlux.Sinks.Throughput.Peers;

/// <summary>log4net into a TextWriterAppender over TextWriter.Null with a JSON-like PatternLayout, or into the LogFlux appender.</summary>
internal sealed class Log4NetPeer : IPeer
{
    private const string JsonPattern =
        "{\"time\":\"%utcdate{yyyy-MM-ddTHH:mm:ss.fffZ}\",\"level\":\"%level\",\"logger\":\"%logger\",\"message\":\"%message\",\"Application\":\"%property{Application}\",\"Environment\":\"%property{Environment}\"}%newline";

    private readonly ILoggerRepository _repository;
    private readonly ILog _log;
    private readonly LogFluxClientLease? _lease;

    private Log4NetPeer(IAppender appender, bool networked, LogFluxClientLease? lease)
    {
        GlobalContext.Properties["Application"] = SampleEvent.Application;
        GlobalContext.Properties["Environment"] = SampleEvent.Environment;
        _repository = LogManager.CreateRepository("throughput-" + Guid.NewGuid().ToString("N"));
        BasicConfigurator.Configure(_repository, appender);
        _log = LogManager.GetLogger(_repository.Name, SampleEvent.LoggerName);
        IsNetworked = networked;
        _lease = lease;
    }

    public bool IsNetworked { get; }

    public LogFluxStats? Stats => _lease?.Client.GetStats();

    public static Log4NetPeer Null()
    {
        var layout = new PatternLayout(JsonPattern);
        layout.ActivateOptions();
        var appender = new TextWriterAppender { Writer = TextWriter.Null, Layout = layout, ImmediateFlush = false };
        appender.ActivateOptions();
        return new(appender, false, null);
    }

    public static Log4NetPeer LogFlux(PeerEndpoints endpoints)
    {
        var options = new LogFluxOptions();
        SampleEvent.ApplyLogFlux(options, endpoints);
        var lease = LogFluxClientRegistry.Acquire(options);
        var appender = new LogFluxAppender
        {
            ApiKey = options.ApiKey,
            CustomEndpointUrl = options.CustomEndpointUrl,
            Source = options.Source,
            Environment = options.Environment,
            KeyPersistence = "false",
            QueueSize = options.QueueSize.ToString(CultureInfo.InvariantCulture),
            QueueMaxBytes = options.QueueMaxBytes.ToString(CultureInfo.InvariantCulture),
        };
        appender.ActivateOptions();
        return new(appender, true, lease);
    }

    public void Log(int i) => _log.InfoFormat(SampleEvent.IndexedTemplate, i, SampleEvent.Customer, SampleEvent.Elapsed);

    public void Dispose()
    {
        _repository.Shutdown();
        _lease?.Dispose();
    }
}
