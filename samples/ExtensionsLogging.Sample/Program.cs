// A generic-host worker that logs to LogFlux through ILogger<T> only, configured from appsettings.json
// ("Logging:LogFlux").
//
// The API key and endpoint come from the environment (LOGFLUX_API_KEY, LOGFLUX_CUSTOM_ENDPOINT_URL); appsettings.json
// leaves them out on purpose so no secret lives in the file. When neither is set, the sample starts an embedded
// LogFlux test receiver and prints what it decrypted, so `dotnet run` works anywhere.
using ExtensionsLogging.Sample;
using LogFlux.Sinks.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

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

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Logging.AddLogFlux();
builder.Services.AddHostedService<OrderWorker>();

// RunAsync returns once the worker stopped the host, and disposes it: that flushes what was logged.
await builder.Build().RunAsync();

if (receiver is not null)
{
    Console.WriteLine();
    Console.WriteLine($"The embedded receiver decrypted {receiver.Entries.Count} entries:");
    foreach (var entry in receiver.Entries) Console.WriteLine("  " + entry);
    await receiver.DisposeAsync();
}
