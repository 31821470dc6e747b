using System.Reflection;
using log4net;
using log4net.Config;
using LogFlux.Sinks.Testing;

// Sends a few log4net events, metrics, an audit entry and spans to LogFlux.
// With LOGFLUX_API_KEY set, they go to that account (LOGFLUX_CUSTOM_ENDPOINT_URL may point elsewhere);
// without it, an embedded LogFlux test receiver is started and what it decrypted is printed at the end.
LogFluxTestServer? embedded = null;
if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("LOGFLUX_API_KEY")))
{
    embedded = await LogFluxTestServer.StartAsync();
    Environment.SetEnvironmentVariable("LOGFLUX_API_KEY", "eu-lf_sampledemokey");
    Environment.SetEnvironmentVariable("LOGFLUX_CUSTOM_ENDPOINT_URL", embedded.BaseUrl);
    Environment.SetEnvironmentVariable("LOGFLUX_KEY_PERSISTENCE", "false");
    Console.WriteLine($"LOGFLUX_API_KEY is not set: using an embedded receiver at {embedded.BaseUrl}");
}

var repository = LogManager.GetRepository(Assembly.GetEntryAssembly()!);
XmlConfigurator.Configure(repository, new FileInfo(Path.Combine(AppContext.BaseDirectory, "log4net.config")));
var log = LogManager.GetLogger(typeof(Program));

GlobalContext.Properties["region"] = "eu-west";
using (ThreadContext.Stacks["NDC"].Push("checkout"))
using (var request = log.StartSpan("http.server", "POST /orders"))
{
    ThreadContext.Properties["order_id"] = "ord_1001";
    log.Info("order received");
    log.Counter("orders.created", 1);
    log.Distribution("order.total", 59.90, "EUR");

    using (log.StartSpan("db.query", "INSERT orders"))
    {
        log.Debug("writing the order");
    }

    try
    {
        throw new InvalidOperationException("payment provider timed out", new TimeoutException("no answer after 30 s"));
    }
    catch (Exception ex)
    {
        log.Error("payment failed", ex);
        request.SetError(ex);
    }

    log.Event("checkout.completed", [new("items", 3)]);
    log.Audit("order.refunded", actor: "usr_42", resource: "order", resourceId: "ord_1001");
    ThreadContext.Properties.Remove("order_id");
}

// Shutdown flushes the appender (bounded by its shutdown timeout). With --no-shutdown the program just ends:
// log4net shuts down at process exit, which delivers the same events (shown only with an external receiver).
if (args.Contains("--no-shutdown") && embedded is null) return 0;
LogManager.Shutdown();

if (embedded is not null)
{
    Console.WriteLine();
    Console.WriteLine($"The embedded receiver decrypted {embedded.Entries.Count} entries:");
    foreach (var entry in embedded.Entries) Console.WriteLine("  " + entry);
    await embedded.DisposeAsync();
}
return 0;
