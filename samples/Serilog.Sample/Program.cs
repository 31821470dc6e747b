// A console app that logs to LogFlux through Serilog, configured from appsettings.json.
//
// The API key and endpoint come from the environment (LOGFLUX_API_KEY, LOGFLUX_CUSTOM_ENDPOINT_URL);
// appsettings.json leaves them out on purpose so no secret lives in the file. When neither is set, the sample
// starts an embedded LogFlux test receiver and prints what it decrypted, so `dotnet run` works anywhere.
using LogFlux.Sinks.Testing;
using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Context;
using Serilog.Debugging;
using Serilog.Sinks.LogFlux;

SelfLog.Enable(message => Console.Error.WriteLine($"[selflog] {message}"));

LogFluxTestServer? receiver = null;
if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("LOGFLUX_API_KEY"))
    && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("LOGFLUX_CUSTOM_ENDPOINT_URL")))
{
    receiver = await LogFluxTestServer.StartAsync();
    Environment.SetEnvironmentVariable("LOGFLUX_API_KEY", "eu-lf_sample-local-key");
    Environment.SetEnvironmentVariable("LOGFLUX_CUSTOM_ENDPOINT_URL", receiver.BaseUrl);
    // The embedded receiver's key is new on every run, so there is nothing worth persisting.
    Environment.SetEnvironmentVariable("LOGFLUX_KEY_PERSISTENCE", "false");
    Console.WriteLine($"No LogFlux endpoint configured: using an embedded test receiver at {receiver.BaseUrl}");
}

var configuration = new ConfigurationBuilder()
    .SetBasePath(AppContext.BaseDirectory)
    .AddJsonFile("appsettings.json", optional: false)
    .AddEnvironmentVariables()
    .Build();

// Serilog.Settings.Configuration ignores argument names it does not know; this reports them.
LogFluxConfigurationCheck.ReportUnknownArguments(configuration.AsEnumerable());

Log.Logger = new LoggerConfiguration()
    .ReadFrom.Configuration(configuration)
    .CreateLogger();

try
{
    var log = Log.ForContext("SourceContext", "Sample.Checkout");
    using (LogContext.PushProperty("request_id", "req-1001"))
    {
        log.Information("Order {OrderId} placed for {@Customer}", "ord_1001", new { Id = "usr_42", Tier = "gold" });
        log.Counter("orders.placed");
        log.Distribution("checkout.duration", 182.5, "ms");
        log.Event("checkout.completed", [new("cart_items", 3)]);
        log.Audit("order.refunded", actor: "usr_7", resource: "order", resourceId: "ord_0999");

        using (var span = log.StartSpan("db.query", "SELECT * FROM orders"))
        {
            log.Debug("Inside the span (trace ids attached)");
            span.SetAttribute("db.system", "postgresql");
        }

        try
        {
            throw new InvalidOperationException("Payment provider unavailable", new TimeoutException("No answer within 5 s"));
        }
        catch (Exception ex)
        {
            log.Error(ex, "Payment for {OrderId} failed", "ord_1002");
        }
    }
}
finally
{
    // Sends everything still queued (bounded by shutdownTimeout) before the process exits.
    await Log.CloseAndFlushAsync();
}

if (receiver is not null)
{
    Console.WriteLine();
    Console.WriteLine($"The embedded receiver decrypted {receiver.Entries.Count} entries:");
    foreach (var entry in receiver.Entries) Console.WriteLine("  " + entry);
    await receiver.DisposeAsync();
}
