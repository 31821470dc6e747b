using System.Reflection;
using log4net;
using log4net.Appender.LogFlux;
using log4net.Config;
using log4net.Layout;

namespace LogFlux.Sinks.ChildProcess;

/// <summary>
/// log4net with the LogFlux appender set up in code through its string properties (the same ones log4net XML sets).
/// Nothing is flushed or closed explicitly: log4net's process-exit hook must deliver.
/// </summary>
internal sealed class Log4NetMode : IChildMode
{
    private readonly LogFluxAppender _appender;
    private readonly ILog _log;

    public Log4NetMode(ChildArguments arguments)
    {
        _appender = new LogFluxAppender
        {
            Name = "logflux",
            ApiKey = ChildSettings.ApiKey,
            CustomEndpointUrl = arguments.Url,
            KeyPersistence = "false",
            Source = ChildSettings.Source,
            FlushInterval = ChildSettings.FlushIntervalText,
            ShutdownTimeout = ChildSettings.ShutdownTimeoutText,
            BufferPath = arguments.BufferPath,
            BufferMaxBytes = arguments.BufferMaxBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Layout = new PatternLayout("%message"),
        };
        _appender.ActivateOptions();
        if (!_appender.IsActive) throw new InvalidOperationException("the LogFlux appender did not activate (see log4net's internal messages above)");
        var repository = LogManager.GetRepository(Assembly.GetEntryAssembly()!);
        BasicConfigurator.Configure(repository, _appender);
        _log = LogManager.GetLogger(typeof(Log4NetMode));
        Client = SharedClientLookup.Find(ChildSettings.ApiKey, arguments.Url);
    }

    public LogFluxClient Client { get; }

    public bool ClosesAtProcessExit => true;

    public long NoClientDrops => _appender.NoClientDropCount;

    public void Log(string prefix, int index) => _log.Info($"{prefix}-{index}");

    public void Close()
    {
    }
}
