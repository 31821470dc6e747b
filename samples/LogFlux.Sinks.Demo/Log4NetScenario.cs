using log4net;
using log4net.Config;

namespace LogFlux.Sinks.Demo;

/// <summary>log4net configured from log4net.config; its entries carry <c>framework=log4net</c> (a global context property).</summary>
internal static class Log4NetScenario
{
    public static int Run()
    {
        var repository = LogManager.GetRepository(typeof(Log4NetScenario).Assembly);
        XmlConfigurator.Configure(repository, new FileInfo(Path.Combine(AppContext.BaseDirectory, "log4net.config")));
        GlobalContext.Properties[DemoSettings.FrameworkAttribute] = DemoSettings.Log4Net;
        var log = LogManager.GetLogger(typeof(Log4NetScenario).Assembly, "Demo.Log4Net.Checkout");
        var sent = 0;
        try
        {
            using (ThreadContext.Stacks["NDC"].Push("checkout"))
            {
                LogicalThreadContext.Properties["request_id"] = "req-4001";
                log.Debug("cart c_79 loaded");
                log.Info("order ord_4001 placed");
                log.Warn("stock for sku_789 is low");
                sent += 3;

                log.Counter("orders.placed", 1);
                log.Gauge("queue.depth", 4, "items");
                log.Distribution("order.total", 59.90, "EUR");
                log.Event("checkout.completed", [new("items", 3)]);
                log.Audit("order.refunded", actor: "usr_9", resource: "order", resourceId: "ord_4000");
                sent += 5;

                using (var request = log.StartSpan("http.server", "POST /orders"))
                {
                    using (var query = log.StartSpan("db.query", "INSERT INTO orders"))
                    {
                        query.SetAttribute("db.system", "postgresql");
                        log.Debug("inside the child span: this event carries its trace and span ids");
                    }
                    request.SetAttribute("http.status_code", 201);
                }
                sent += 3;

                try
                {
                    throw new InvalidOperationException("payment provider timed out", new TimeoutException("no answer after 30 s"));
                }
                catch (Exception ex)
                {
                    log.Error("payment for ord_4002 failed", ex);
                    log.Fatal("giving up on ord_4002");
                }
                sent += 2;
                LogicalThreadContext.Properties.Remove("request_id");
            }
        }
        finally
        {
            // Closes the appender, which releases its hold on the shared client; the tour flushes that client at the end.
            repository.Shutdown();
        }
        return sent;
    }
}
