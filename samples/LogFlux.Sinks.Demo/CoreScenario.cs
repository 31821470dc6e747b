using System.Globalization;

namespace LogFlux.Sinks.Demo;

/// <summary>
/// Every entry type through the core client: logs of every level with attributes and scopes, the three metric
/// kinds, an event, an audit entry, a span with a child span whose trace continues in a second service over
/// HTTP, both kinds of telemetry and an error capture with its breadcrumbs.
/// </summary>
internal static class CoreScenario
{
    public static async Task<int> RunAsync(TourResults results)
    {
        await using var inventory = await InventoryService.StartAsync();
        await using var client = new LogFluxClient(DemoSettings.ClientOptions(DemoSettings.Source));
        client.Diagnostic += PrintWarnings;
        inventory.Client.Diagnostic += PrintWarnings;
        var sent = 0;

        // A scope's attributes go on every entry sent from this flow while it is open.
        using (var tour = client.BeginScope())
        {
            tour.SetAttribute(DemoSettings.FrameworkAttribute, DemoSettings.Core);
            sent += SendLogs(client);
            sent += SendMetricsEventAudit(client);
            sent += await SendCrossServiceTraceAsync(client, inventory, results);
            sent += SendTelemetry(client);
            sent += CaptureError(client);
        }

        // Flush both services, then keep their stats (the clients close at the end of this method).
        var flushed = await Task.WhenAll(client.FlushAsync(DemoSettings.FlushTimeout), inventory.Client.FlushAsync(DemoSettings.FlushTimeout));
        if (!flushed.All(done => done)) Console.WriteLine("      not everything was delivered within the flush timeout");
        results.AddStats($"core client ({DemoSettings.Source})", client.GetStats());
        results.AddStats($"core client ({DemoSettings.InventorySource}, the second service)", inventory.Client.GetStats());
        return sent + inventory.EntriesSent;
    }

    private static int SendLogs(LogFluxClient client)
    {
        client.AddBreadcrumb("checkout", "cart loaded", DemoSettings.Attrs(("cart", "c_77")));
        client.Debug("cache warmed", DemoSettings.Attrs(("entries", "1200")));
        client.Info("order placed", DemoSettings.Attrs(("order_id", "ord_1001"), ("user.id", "usr_42")));
        client.Notice("configuration reloaded");
        client.Warn("payment retry", DemoSettings.Attrs(("attempt", "2")));
        client.Error("payment failed", DemoSettings.Attrs(("order_id", "ord_1001")));
        client.Critical("inventory cache unavailable");
        client.Log(LogFluxLevel.Alert, "disk almost full", DemoSettings.Attrs(("volume", "/var/lib/orders")));
        client.Log(LogFluxLevel.Emergency, "order database unreachable");

        // A request scope: nested in the tour scope, it adds request and user attributes to what runs inside.
        using (var request = client.BeginScope())
        {
            request.SetRequest("POST", "/checkout", "req-1001").SetUser("usr_42");
            client.Info("checkout started");
            request.Info("payment authorised", DemoSettings.Attrs(("amount", "59.90")));
        }
        return 10;
    }

    private static int SendMetricsEventAudit(LogFluxClient client)
    {
        client.Counter("http.requests.total", 1, DemoSettings.Attrs(("method", "POST"), ("status", "200")));
        client.Gauge("queue.depth", 42, unit: "items");
        client.Distribution("http.request.duration", 12.5, unit: "ms");
        client.Event("user.signup", DemoSettings.Attrs(("plan", "starter")));
        client.Audit("record.deleted", "usr_456", "invoice", "inv_789", DemoSettings.Attrs(("reason", "customer_request")));
        return 5;
    }

    private static async Task<int> SendCrossServiceTraceAsync(LogFluxClient client, InventoryService inventory, TourResults results)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
        using var checkout = client.StartSpan("http.server", "POST /checkout");
        using (var call = checkout.StartChild("http.client", "GET /inventory/sku_123"))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{inventory.BaseUrl}/inventory/sku_123");
            request.Headers.Add(InventoryService.TraceHeaderName, call.TraceHeader);
            using var response = await http.SendAsync(request);
            call.SetAttribute("http.status_code", ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            results.CrossServiceTrace = (call.TraceId, call.SpanId);
        }
        client.Info("stock confirmed", DemoSettings.Attrs(("sku", "sku_123")));
        return 3;
    }

    private static int SendTelemetry(LogFluxClient client)
    {
        client.Telemetry("dev_0042", [new TelemetryReading("cpu_temp", 72.5, "celsius"), new TelemetryReading("fan_rpm", 1800)]);
        client.TelemetryManaged("dev_0042", [new TelemetryReading("battery", 88, "percent")]);
        return 2;
    }

    private static int CaptureError(LogFluxClient client)
    {
        try
        {
            throw new InvalidOperationException("Sequence contains no elements", new KeyNotFoundException("The given key was not present."));
        }
        catch (Exception ex)
        {
            // Attaches the breadcrumbs recorded so far: the explicit one above and one per log and event.
            client.CaptureError(ex, DemoSettings.Attrs(("sql", "SELECT ...")));
        }
        return 1;
    }

    private static void PrintWarnings(object? sender, LogFluxDiagnostic diagnostic)
    {
        if (diagnostic.Level >= LogFluxDiagnosticLevel.Warning) Console.WriteLine($"      {diagnostic}");
    }
}
