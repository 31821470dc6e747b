using System.Diagnostics;
using LogFlux.Sinks.Testing;
using NLog;

// Without LOGFLUX_API_KEY (a fresh machine) the sample starts an embedded LogFlux test receiver and points
// the target at it through the same LOGFLUX_* variables a deployed app would use.
LogFluxTestServer? embedded = null;
if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("LOGFLUX_API_KEY")))
{
    embedded = await LogFluxTestServer.StartAsync();
    Environment.SetEnvironmentVariable("LOGFLUX_API_KEY", "eu-lf_nlogsampledemo");
    Environment.SetEnvironmentVariable("LOGFLUX_CUSTOM_ENDPOINT_URL", embedded.BaseUrl);
    Environment.SetEnvironmentVariable("LOGFLUX_KEY_PERSISTENCE", "false");
    Console.WriteLine($"No LOGFLUX_API_KEY set: sending to an embedded test receiver at {embedded.BaseUrl}");
}

GlobalDiagnosticsContext.Set("App", "nlog-sample");
var logger = LogManager.Setup().LoadConfigurationFromFile("NLog.config").GetLogger("Sample.Checkout");

logger.Info("Sample started on {Runtime}", Environment.Version);

using (ScopeContext.PushProperty("RequestId", "req-42"))
using (var span = logger.StartSpan("http.server", "POST /orders"))
{
    logger.Info("Placing order {OrderId} for {Amount} EUR", "ord-1001", 42.5m);
    logger.Counter("orders.placed", attributes: new Dictionary<string, object?> { ["channel"] = "web" });
    logger.Distribution("checkout.duration", 123.4, unit: "ms");
    logger.Event("order.placed", new Dictionary<string, object?> { ["order_id"] = "ord-1001" });
    logger.Audit("order.refunded", actor: "usr_7", resource: "order", resourceId: "ord-1001");

    try
    {
        throw new InvalidOperationException("Payment provider timed out", new TimeoutException("no answer after 30 s"));
    }
    catch (Exception ex)
    {
        span.SetError(ex);
        logger.Error(ex, "Payment for {OrderId} failed", "ord-1001");
    }
}

// Flushes the LogFlux queue (bounded by shutdownTimeout) and closes the client. NLog also does this on
// process exit, but an explicit shutdown makes the moment clear.
var watch = Stopwatch.StartNew();
LogManager.Shutdown();
Console.WriteLine($"NLog shut down in {watch.ElapsedMilliseconds} ms");

if (embedded is not null)
{
    Console.WriteLine($"The embedded receiver decrypted {embedded.Entries.Count} entries:");
    foreach (var entry in embedded.Entries) Console.WriteLine("  " + entry);
    await embedded.DisposeAsync();
}
