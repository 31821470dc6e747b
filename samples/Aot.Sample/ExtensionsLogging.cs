using LogFlux.Sinks;
using Microsoft.Extensions.Logging;

namespace AotSample;

/// <summary>
/// <c>ILogger&lt;T&gt;</c> through the LogFlux logging provider, configured in code to send through the client that
/// Serilog and NLog share. Its log is written inside a span of that client, so it carries the span's trace id.
/// </summary>
internal static class ExtensionsLogging
{
    public static void Run(LogFluxClient client)
    {
        using var factory = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Debug)
            .AddLogFlux(options => options.Client = client));
        var logger = factory.CreateLogger("AotSample.Extensions");
        using (client.StartSpan("aot.extensions", "load order"))
        {
            logger.LogInformation("extensions: order {OrderId} placed", "ord_1001");
        }
        logger.LogError(SampleSettings.Failure("extensions"), "extensions: payment for {OrderId} failed", "ord_1001");
    }
}
