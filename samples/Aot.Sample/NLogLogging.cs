using NLog;
using NLog.Targets.LogFlux;

namespace AotSample;

/// <summary>
/// NLog with the LogFlux target registered explicitly (no assembly scanning, which a native app cannot do) and
/// configured from XML, as an NLog.config would configure it.
/// </summary>
internal static class NLogLogging
{
    private const string Configuration = """
        <nlog throwConfigExceptions="true" internalLogLevel="Warn" internalLogToConsoleError="true">
          <targets>
            <target name="logflux" type="LogFlux" apiKey="${environment:LOGFLUX_API_KEY}" source="aot-sample" />
          </targets>
          <rules>
            <logger name="*" minlevel="Debug" writeTo="logflux" />
          </rules>
        </nlog>
        """;

    /// <summary>Writes the part's entries; returns the target so its counters can be read before shutdown.</summary>
    public static LogFluxTarget Run()
    {
        LogManager.Setup()
            .SetupExtensions(e => e.RegisterLogFlux())
            .LoadConfigurationFromXml(Configuration);
        var target = LogManager.Configuration!.FindTargetByName<LogFluxTarget>("logflux")
            ?? throw new InvalidOperationException("NLog configuration has no LogFlux target");

        var log = LogManager.GetLogger("AotSample.NLog");
        log.Info("nlog: order {OrderId} placed", "ord_1001");
        log.Counter("nlog.orders.placed", attributes: new Dictionary<string, object?> { ["channel"] = "web" });
        using (var span = log.StartSpan("aot.nlog", "charge card"))
        {
            span.SetAttribute("order_id", "ord_1001");
            log.Debug("nlog: inside the span");
        }
        log.Error(SampleSettings.Failure("nlog"), "nlog: payment for {OrderId} failed", "ord_1001");
        return target;
    }
}
