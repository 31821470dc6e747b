namespace LogFlux.Sinks.Demo;

/// <summary>One entry of every type through the core client; returns how many entries were sent.</summary>
internal static class CoreScenario
{
    public static async Task<int> RunAsync(LogFluxOptions options)
    {
        await using var client = new LogFluxClient(options);
        client.Diagnostic += (_, d) => { if (d.Level >= LogFluxDiagnosticLevel.Warning) Console.WriteLine($"  {d}"); };
        var count = 0;

        client.AddBreadcrumb("demo", "tour started");
        client.Debug("cache warmed", Attrs(("entries", "1200")));
        client.Info("order placed", Attrs(("order_id", "ord_1001"), ("user.id", "usr_42")));
        client.Notice("config reloaded");
        client.Warn("payment retry", Attrs(("attempt", "2")));
        client.Error("payment failed", Attrs(("order_id", "ord_1001")));
        client.Critical("inventory service unreachable");
        count += 6;

        client.Counter("http.requests.total", 1, Attrs(("method", "GET"), ("status", "200")));
        client.Gauge("queue.depth", 42);
        client.Distribution("http.request.duration", 12.5, unit: "ms");
        count += 3;

        client.Event("user.signup", Attrs(("plan", "starter")));
        client.Audit("record.deleted", "usr_456", "invoice", "inv_789", Attrs(("reason", "customer_request")));
        count += 2;

        using (var span = client.StartSpan("http.server", "GET /api/orders"))
        {
            using var child = span.StartChild("db.query", "SELECT * FROM orders");
            child.SetAttribute("db.system", "postgresql");
        }
        count += 2;

        client.Telemetry("dev_0042", new[] { new TelemetryReading("cpu_temp", 72.5, "celsius"), new TelemetryReading("fan_rpm", 1800) });
        client.TelemetryManaged("dev_0042", new[] { new TelemetryReading("battery", 88, "percent") });
        count += 2;

        try
        {
            throw new InvalidOperationException("Sequence contains no elements", new KeyNotFoundException("The given key was not present."));
        }
        catch (Exception ex)
        {
            client.CaptureError(ex, Attrs(("sql", "SELECT ...")));
            count += 1;
        }

        var delivered = await client.FlushAsync(TimeSpan.FromSeconds(15));
        Console.WriteLine($"  flush: {(delivered ? "everything delivered" : "not everything delivered yet")}");
        Console.WriteLine($"  stats: {client.GetStats()}");
        return count;
    }

    private static Dictionary<string, string> Attrs(params (string Key, string Value)[] pairs)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in pairs) map[k] = v;
        return map;
    }
}
