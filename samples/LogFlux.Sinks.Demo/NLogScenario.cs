using NLog;

namespace LogFlux.Sinks.Demo;

/// <summary>NLog configured from NLog.config; its entries carry <c>framework=nlog</c> (a target context property).</summary>
internal static class NLogScenario
{
    public static int Run()
    {
        var logger = LogManager.Setup()
            .LoadConfigurationFromFile(Path.Combine(AppContext.BaseDirectory, "NLog.config"))
            .GetLogger("Demo.NLog.Checkout");
        var sent = 0;
        try
        {
            using (ScopeContext.PushProperty("request_id", "req-3001"))
            {
                logger.Trace("Cart {CartId} loaded", "c_78");
                logger.Debug("Price rules evaluated in {Elapsed} ms", 2.9);
                logger.Info("Order {OrderId} placed for {Amount} EUR", "ord_3001", 42.5m);
                logger.Warn("Stock for {Sku} is low: {Available}", "sku_456", 1);
                sent += 4;

                logger.Counter("orders.placed", attributes: new Dictionary<string, object?> { ["channel"] = "web" });
                logger.Gauge("queue.depth", 9, unit: "items");
                logger.Distribution("checkout.duration", 123.4, unit: "ms");
                logger.Event("checkout.completed", new Dictionary<string, object?> { ["cart_items"] = 2 });
                logger.Audit("order.refunded", actor: "usr_8", resource: "order", resourceId: "ord_3000");
                sent += 5;

                using (var request = logger.StartSpan("http.server", "POST /orders"))
                {
                    using (var query = logger.StartSpan("db.query", "INSERT INTO orders"))
                    {
                        query.SetAttribute("db.system", "postgresql");
                        logger.Debug("Inside the child span: this event carries its trace and span ids");
                    }
                    request.SetAttribute("http.status_code", 201);
                }
                sent += 3;

                try
                {
                    throw new InvalidOperationException("Payment provider timed out", new TimeoutException("No answer after 30 s"));
                }
                catch (Exception ex)
                {
                    logger.Error(ex, "Payment for {OrderId} failed", "ord_3002");
                    logger.Fatal("Giving up on {OrderId}", "ord_3002");
                }
                sent += 2;
            }
        }
        finally
        {
            // Closes the target, which releases its hold on the shared client; the tour flushes that client at the end.
            LogManager.Shutdown();
        }
        return sent;
    }
}
