using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LogFlux.Sinks.AspNetCore.Sample;

/// <summary>The logger category of the inventory service's endpoints.</summary>
internal sealed class InventoryEndpoints;

/// <summary>The logger category of the checkout service's endpoints.</summary>
internal sealed class CheckoutEndpoints;

/// <summary>The two services of the sample, each on 127.0.0.1 and a free port.</summary>
internal static class Services
{
    public static async Task<WebApplication> StartInventoryAsync(LogFluxClient client)
    {
        var builder = CreateBuilder();
        builder.Services.AddLogFlux(o => o.Client = client);
        var app = builder.Build();
        app.UseLogFlux();
        app.MapGet("/stock/{sku}", (string sku, ILogger<InventoryEndpoints> logger) =>
        {
            logger.LogInformation("Stock lookup for {Sku}", sku);
            return Results.Text("3 in stock");
        });
        await app.StartAsync();
        return app;
    }

    public static async Task<WebApplication> StartCheckoutAsync(LogFluxClient client, string inventoryUrl)
    {
        var builder = CreateBuilder();
        builder.Services.AddLogFlux(o => o.Client = client);
        builder.Services.AddHttpClient("inventory", c => c.BaseAddress = new Uri(inventoryUrl)).AddLogFluxPropagation();
        var app = builder.Build();
        app.UseLogFlux();
        app.MapGet("/checkout/{cart}", async (string cart, IHttpClientFactory factory, ILogger<CheckoutEndpoints> logger) =>
        {
            logger.LogInformation("Checking out {Cart}", cart);
            var stock = await factory.CreateClient("inventory").GetStringAsync("/stock/sku-42");
            using (var span = client.StartSpan("db.query", "INSERT INTO orders"))
            {
                span.SetAttribute("db.system", "postgresql");
            }
            return Results.Text($"order placed ({stock})");
        });
        await app.StartAsync();
        return app;
    }

    private static WebApplicationBuilder CreateBuilder()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // ILogger<T> events go through the client of services.AddLogFlux() (the provider has no API key of its own),
        // so they carry the request's trace and request_id. ASP.NET Core's own Information events are left out.
        builder.Logging.AddLogFlux();
        builder.Logging.AddFilter<LogFlux.Extensions.Logging.LogFluxLoggerProvider>("Microsoft", LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        return builder;
    }
}
