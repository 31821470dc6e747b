using System.Globalization;
using NLog;
using NLog.Common;
using NLog.Config;
using NLog.Targets.LogFlux;

namespace LogFlux.Sinks.ChildProcess;

/// <summary>
/// NLog with the <c>LogFlux</c> target set up in code through its string properties (the same ones NLog.config sets).
/// Nothing is flushed or closed explicitly: NLog's process-exit hook must deliver.
/// </summary>
internal sealed class NLogMode : IChildMode
{
    private readonly LogFluxTarget _target;
    private readonly Logger _logger;

    public NLogMode(ChildArguments arguments)
    {
        InternalLogger.LogToConsoleError = true;
        InternalLogger.LogLevel = NLog.LogLevel.Warn;
        // A rejected setting must stop the child, not silently disable the target.
        LogManager.ThrowConfigExceptions = true;
        _target = new LogFluxTarget("logflux")
        {
            ApiKey = ChildSettings.ApiKey,
            CustomEndpointUrl = arguments.Url,
            KeyPersistence = "false",
            Source = ChildSettings.Source,
            FlushInterval = ChildSettings.FlushIntervalText,
            ShutdownTimeout = ChildSettings.ShutdownTimeoutText,
        };
        if (arguments.BufferPath is not null) _target.BufferPath = arguments.BufferPath;
        if (arguments.BufferMaxBytes is { } maxBytes) _target.BufferMaxBytes = maxBytes.ToString(CultureInfo.InvariantCulture);
        var config = new LoggingConfiguration();
        config.AddRuleForAllLevels(_target);
        LogManager.Configuration = config;
        _logger = LogManager.GetLogger("child");
        Client = SharedClientLookup.Find(ChildSettings.ApiKey, arguments.Url);
    }

    public LogFluxClient Client { get; }

    public bool ClosesAtProcessExit => true;

    public long NoClientDrops => _target.DroppedWithoutClient;

    // ":l" renders the string without quotes, so the message is exactly "<prefix>-<index>".
    public void Log(string prefix, int index) => _logger.Info("{Prefix:l}-{Index}", prefix, index);

    public void Close()
    {
    }
}
