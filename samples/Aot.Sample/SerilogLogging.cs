using Serilog;
using Serilog.Debugging;

namespace AotSample;

/// <summary>
/// Serilog configured in code. (<c>ReadFrom.Configuration</c> from Serilog.Settings.Configuration finds sinks by
/// reflection and is not trim-safe, so a native app configures its sinks in code.)
/// </summary>
internal static class SerilogLogging
{
    /// <summary>Writes the part's entries and disposes the logger; the shared client stays open for the caller's flush.</summary>
    public static void Run()
    {
        SelfLog.Enable(Console.Error);
        using var logger = new LoggerConfiguration()
            .MinimumLevel.Debug()
            .Enrich.FromLogContext()
            .WriteTo.LogFlux(source: SampleSettings.FrameworkSource)
            .CreateLogger();

        var log = logger.ForContext("SourceContext", "AotSample.Serilog");
        log.Information("serilog: order {OrderId} placed", "ord_1001");
        log.Counter("serilog.orders.placed", attributes: [new("channel", "web")]);
        using (var span = log.StartSpan("aot.serilog", "charge card"))
        {
            span.SetAttribute("order_id", "ord_1001");
            log.Debug("serilog: inside the span");
        }
        log.Error(SampleSettings.Failure("serilog"), "serilog: payment for {OrderId} failed", "ord_1001");
    }
}
