// Two tiny services in one process: "checkout" (A) calls "inventory" (B) through an HttpClient with LogFlux
// propagation, so one request produces one trace across both services.
//
// The API key and endpoint come from the environment (LOGFLUX_API_KEY, LOGFLUX_CUSTOM_ENDPOINT_URL). Without
// LOGFLUX_API_KEY the sample starts an embedded LogFlux test receiver and prints the received trace as a tree.
using LogFlux.Sinks;
using LogFlux.Sinks.AspNetCore.Sample;
using LogFlux.Sinks.Testing;

LogFluxTestServer? receiver = null;
if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("LOGFLUX_API_KEY")))
{
    receiver = await LogFluxTestServer.StartAsync();
    Console.WriteLine($"LOGFLUX_API_KEY is not set: using an embedded test receiver at {receiver.BaseUrl}");
}

LogFluxOptions OptionsFor(string service)
{
    var options = new LogFluxOptions { Source = service, FlushInterval = TimeSpan.FromMilliseconds(200) };
    if (receiver is not null)
    {
        options.ApiKey = "eu-lf_sample-local-key";
        options.CustomEndpointUrl = receiver.BaseUrl;
        options.KeyPersistence = false;
    }
    return options;
}

await using var inventoryClient = new LogFluxClient(OptionsFor("inventory"));
await using var checkoutClient = new LogFluxClient(OptionsFor("checkout"));
await using var inventory = await Services.StartInventoryAsync(inventoryClient);
await using var checkout = await Services.StartCheckoutAsync(checkoutClient, inventory.Urls.First());

using (var http = new HttpClient())
{
    var url = checkout.Urls.First() + "/checkout/cart-17?coupon=SPRING";
    Console.WriteLine($"GET {url} -> {await http.GetStringAsync(url)}");
}

await checkoutClient.FlushAsync();
await inventoryClient.FlushAsync();

if (receiver is not null)
{
    await receiver.WaitForEntriesAsync(6, TimeSpan.FromSeconds(10));
    TraceTree.Print(receiver.Entries, Console.Out);
    await receiver.DisposeAsync();
}
