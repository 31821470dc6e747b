// Two ASP.NET Core services in one process: "checkout" (A) calls "inventory" (B) through HttpClient. The
// OpenTelemetry SDK traces both (ASP.NET Core and HttpClient instrumentation), measures them
// (http.server.request.duration and a custom counter) and routes ILogger through OpenTelemetry; AddLogFluxExporter()
// sends all of it to LogFlux. The app force-flushes before it exits.
//
// The API key and endpoint come from the environment (LOGFLUX_API_KEY, LOGFLUX_CUSTOM_ENDPOINT_URL). Without
// LOGFLUX_API_KEY the sample starts an embedded LogFlux test receiver and prints what it received: the trace as a
// tree (with the logs written in each span) and the metrics.
using LogFlux.OpenTelemetry;
using LogFlux.OpenTelemetry.Sample;
using LogFlux.Sinks;
using LogFlux.Sinks.Testing;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

LogFluxTestServer? receiver = null;
if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("LOGFLUX_API_KEY")))
{
    receiver = await LogFluxTestServer.StartAsync();
    Console.WriteLine($"LOGFLUX_API_KEY is not set: using an embedded test receiver at {receiver.BaseUrl}");
}

void ConfigureLogFlux(LogFluxExporterOptions options)
{
    options.ClientOptions.Source = "otel-sample";
    if (receiver is null) return;
    options.ClientOptions.ApiKey = "eu-lf_sample-local-key";
    options.ClientOptions.CustomEndpointUrl = receiver.BaseUrl;
    options.ClientOptions.KeyPersistence = false;
}

var receiverPort = receiver is null ? -1 : new Uri(receiver.BaseUrl).Port;
await using var inventory = await Services.StartInventoryAsync(ConfigureLogFlux);
await using var checkout = await Services.StartCheckoutAsync(ConfigureLogFlux, inventory.Urls.First(), receiverPort);

using (var http = new HttpClient())
{
    foreach (var cart in new[] { "cart-17", "cart-18", "cart-19" })
    {
        var url = checkout.Urls.First() + "/checkout/" + cart;
        Console.WriteLine($"GET {url} -> {await http.GetStringAsync(url)}");
    }
}

// Hand everything to LogFlux before the process ends: spans, the metrics collected so far, and the log records.
Services.ForceFlush(checkout);
Services.ForceFlush(inventory);

if (receiver is not null)
{
    await receiver.WaitForEntryAsync(e => e.Type == "metric", TimeSpan.FromSeconds(10));
    TelemetryPrinter.PrintTraces(receiver.Entries, Console.Out);
    TelemetryPrinter.PrintMetrics(receiver.Entries, Console.Out);
    await checkout.StopAsync();
    await inventory.StopAsync();
    await receiver.DisposeAsync();
}
