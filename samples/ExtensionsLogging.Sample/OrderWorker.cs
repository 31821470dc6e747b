using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ExtensionsLogging.Sample;

/// <summary>A worker that processes a few orders, logging only through <see cref="ILogger{T}"/>, then stops the host.</summary>
internal sealed class OrderWorker(ILogger<OrderWorker> logger, IHostApplicationLifetime lifetime) : BackgroundService
{
    private static readonly EventId OrderPlaced = new(1001, "OrderPlaced");

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation(OrderPlaced, "Order {OrderId} placed: {Items} items for {Total} EUR", "ord_1001", 3, 59.90m);

        using (logger.BeginScope(new Dictionary<string, object> { ["order_id"] = "ord_1002", ["customer_tier"] = "gold" }))
        {
            logger.LogWarning("Stock for {Sku} is low: {Left} left", "SKU-42", 2);
            try
            {
                throw new InvalidOperationException("Payment provider unavailable", new TimeoutException("No answer within 5 s"));
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Payment for {OrderId} failed", "ord_1002");
            }
        }

        logger.LogDebug("Not sent: below the Information level configured in Logging:LogFlux:LogLevel");
        // No flush call: stopping the host flushes the provider (within ShutdownTimeout).
        lifetime.StopApplication();
        return Task.CompletedTask;
    }
}
