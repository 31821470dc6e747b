using LogFlux.Sinks;
using NLog;
using Serilog.Sinks.LogFlux;

namespace AotSample;

/// <summary>
/// Serilog, NLog and the <c>ILogger</c> provider, configured with the same API key and endpoint, share one client. The sample holds a lease on
/// it for the duration, so it can flush that client and read its counters before the frameworks shut down.
/// </summary>
internal static class FrameworkLogging
{
    public static async Task<IReadOnlyList<DeliveryReport>> RunAsync()
    {
        await using var lease = LogFluxClientRegistry.Acquire(new LogFluxOptions { Source = SampleSettings.FrameworkSource });
        lease.Client.Diagnostic += (_, diagnostic) => Console.Error.WriteLine(diagnostic);

        SerilogLogging.Run();
        var nlogTarget = NLogLogging.Run();
        ExtensionsLogging.Run(lease.Client);

        var flushed = await lease.Client.FlushAsync(SampleSettings.FlushTimeout);
        var stats = lease.Client.GetStats();
        var droppedWithoutClient = LogFluxSinkStatus.NoClientDrops + nlogTarget.DroppedWithoutClient;
        LogManager.Shutdown();
        return [new DeliveryReport("serilog+nlog+extensions", flushed, stats, droppedWithoutClient)];
    }
}
