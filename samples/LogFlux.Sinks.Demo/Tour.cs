using LogFlux.Sinks.Testing;

namespace LogFlux.Sinks.Demo;

/// <summary>
/// The tour: sends every entry type through the core client, to the embedded receiver (default) or to the
/// endpoint named by LOGFLUX_API_KEY / LOGFLUX_CUSTOM_ENDPOINT_URL, then reports what arrived.
/// </summary>
internal static class Tour
{
    public static async Task<int> RunAsync()
    {
        var apiKey = Environment.GetEnvironmentVariable("LOGFLUX_API_KEY");
        if (!string.IsNullOrWhiteSpace(apiKey))
        {
            return await RunAgainstServiceAsync();
        }

        Console.WriteLine("No LOGFLUX_API_KEY set: starting the embedded LogFlux receiver.");
        await using var server = await LogFluxTestServer.StartAsync();
        Console.WriteLine($"  receiver on {server.BaseUrl} (RSA key {server.PublicKeyFingerprint[..23]}…)");

        var options = new LogFluxOptions
        {
            ApiKey = "eu-lf_demo0000000000",
            CustomEndpointUrl = server.BaseUrl,
            Source = "logflux-demo",
            Environment = "demo",
            Release = "1.0.0",
            KeyPersistence = false,
            FlushInterval = TimeSpan.FromMilliseconds(200),
        };
        var sent = await CoreScenario.RunAsync(options);

        var received = await server.WaitForEntriesAsync(sent, TimeSpan.FromSeconds(20));
        Report.PrintEntries("core client", received);
        var missing = sent - received.Count;
        Console.WriteLine();
        Console.WriteLine(missing == 0
            ? $"All {sent} entries arrived and were decrypted by the receiver."
            : $"{missing} of {sent} entries did not arrive.");
        return missing == 0 ? 0 : 1;
    }

    private static async Task<int> RunAgainstServiceAsync()
    {
        var options = LogFluxOptions.FromEnvironment("logflux-demo");
        Console.WriteLine($"Sending the tour to {(options.CustomEndpointUrl ?? "the LogFlux service (discovery)")}.");
        var sent = await CoreScenario.RunAsync(options);
        Console.WriteLine($"{sent} entries handed to the client; see the stats above for delivery.");
        return 0;
    }
}
