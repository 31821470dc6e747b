using LogFlux.Sinks;

namespace AotSample;

/// <summary>The core client used directly.</summary>
internal static class CoreLogging
{
    public static async Task<DeliveryReport> RunAsync()
    {
        var options = LogFluxOptions.FromEnvironment();
        options.Source = SampleSettings.CoreSource;
        await using var client = new LogFluxClient(options);
        client.Diagnostic += (_, diagnostic) => Console.Error.WriteLine(diagnostic);

        client.Info("core: order placed", new Dictionary<string, string> { ["order_id"] = "ord_1001" });
        client.Counter("core.orders.placed", 1, new Dictionary<string, string> { ["channel"] = "web" });
        using (var span = client.StartSpan("aot.core", "charge card"))
        {
            span.SetAttribute("order_id", "ord_1001");
            client.Debug("core: inside the span");
        }
        client.CaptureError(SampleSettings.Failure("core"));

        var flushed = await client.FlushAsync(SampleSettings.FlushTimeout);
        return new DeliveryReport("core", flushed, client.GetStats(), DroppedWithoutClient: 0);
    }
}
