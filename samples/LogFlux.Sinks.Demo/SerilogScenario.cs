using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Context;
using Serilog.Sinks.LogFlux;

namespace LogFlux.Sinks.Demo;

/// <summary>Serilog configured from appsettings.json; its entries carry the property <c>framework=serilog</c>.</summary>
internal static class SerilogScenario
{
    public static async Task<int> RunAsync()
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: false)
            .Build();
        // Serilog.Settings.Configuration silently ignores misspelt arguments; this names them.
        LogFluxConfigurationCheck.ReportUnknownArguments(configuration.AsEnumerable());

        await using var logger = new LoggerConfiguration().ReadFrom.Configuration(configuration).CreateLogger();
        var log = logger.ForContext("SourceContext", "Demo.Serilog.Checkout");
        var sent = 0;

        using (LogContext.PushProperty("request_id", "req-2001"))
        {
            log.Verbose("Cart {CartId} loaded", "c_77");
            log.Debug("Price rules evaluated in {Elapsed} ms", 3.2);
            log.Information("Order {OrderId} placed for {@Customer}", "ord_2001", new { Id = "usr_42", Tier = "gold" });
            log.Warning("Stock for {Sku} is low: {Available}", "sku_123", 2);
            sent += 4;

            log.Counter("orders.placed");
            log.Gauge("queue.depth", 17, unit: "items");
            log.Distribution("checkout.duration", 182.5, "ms");
            log.Event("checkout.completed", [new("cart_items", 3)]);
            log.Audit("order.refunded", actor: "usr_7", resource: "order", resourceId: "ord_0999");
            sent += 5;

            using (var request = log.StartSpan("http.server", "POST /orders"))
            {
                using (var query = log.StartSpan("db.query", "INSERT INTO orders"))
                {
                    query.SetAttribute("db.system", "postgresql");
                    log.Debug("Inside the child span: this event carries its trace and span ids");
                }
                request.SetAttribute("http.status_code", 201);
            }
            sent += 3;

            try
            {
                throw new InvalidOperationException("Payment provider unavailable", new TimeoutException("No answer within 5 s"));
            }
            catch (Exception ex)
            {
                log.Error(ex, "Payment for {OrderId} failed", "ord_2002");
                log.Fatal("Giving up on {OrderId}", "ord_2002");
            }
            sent += 2;
        }
        // Disposing the logger releases its hold on the shared client; the tour flushes that client at the end.
        return sent;
    }
}
