using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LogFlux.OpenTelemetry.Sample;

/// <summary>The two services: "checkout" owns the process's OpenTelemetry providers; both log through OpenTelemetry.</summary>
internal static class Services
{
    private static readonly Meter CheckoutMeter = new("Checkout");
    private static readonly Counter<long> OrdersPlaced = CheckoutMeter.CreateCounter<long>("checkout.orders_placed", unit: "{order}");

    /// <summary>"inventory": answers how many items of a product are in stock.</summary>
    public static async Task<WebApplication> StartInventoryAsync(Action<LogFluxExporterOptions> configureLogFlux)
    {
        var builder = NewBuilder("inventory", configureLogFlux);
        var app = builder.Build();
        app.MapGet("/stock/{sku}", (string sku, ILogger<StockEndpoint> log) =>
        {
            log.LogInformation("Stock of {Sku} looked up", sku);
            return Results.Ok(new { sku, available = 3 });
        });
        await app.StartAsync();
        return app;
    }

    /// <summary>
    /// "checkout": calls inventory. Its host sets up tracing and metrics for the whole process: OpenTelemetry listens
    /// to activities and meters process-wide, so a second provider (in inventory's host) would export every span twice.
    /// </summary>
    public static async Task<WebApplication> StartCheckoutAsync(Action<LogFluxExporterOptions> configureLogFlux, string inventoryUrl, int receiverPort)
    {
        var builder = NewBuilder("checkout", configureLogFlux);
        builder.Services.AddHttpClient("inventory", c => c.BaseAddress = new Uri(inventoryUrl));
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("otel-sample"))
            .WithTracing(tracing => tracing
                // The embedded receiver runs in this process too; its own requests are not part of the sample.
                .AddAspNetCoreInstrumentation(o => o.Filter = context => context.Connection.LocalPort != receiverPort)
                .AddHttpClientInstrumentation()
                .AddLogFluxExporter(configureLogFlux))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter(CheckoutMeter.Name)
                .AddLogFluxExporter(configureLogFlux));
        var app = builder.Build();
        app.MapGet("/checkout/{cart}", async (string cart, IHttpClientFactory factory, ILogger<CheckoutEndpoint> log) =>
        {
            log.LogInformation("Checking out {Cart}", cart);
            var stock = await factory.CreateClient("inventory").GetStringAsync("/stock/sku-42");
            OrdersPlaced.Add(1, new KeyValuePair<string, object?>("payment", "card"));
            return Results.Text($"order placed for {cart} ({stock})");
        });
        await app.StartAsync();
        return app;
    }

    /// <summary>Flushes the host's OpenTelemetry providers (those it has) into LogFlux.</summary>
    public static void ForceFlush(WebApplication app)
    {
        app.Services.GetService<TracerProvider>()?.ForceFlush(10_000);
        app.Services.GetService<MeterProvider>()?.ForceFlush(10_000);
        app.Services.GetService<LoggerProvider>()?.ForceFlush(10_000);
    }

    private static WebApplicationBuilder NewBuilder(string service, Action<LogFluxExporterOptions> configureLogFlux)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        // The framework's own request logs at Information would drown the sample's lines.
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning).AddFilter("System", LogLevel.Warning);
        builder.Logging.AddOpenTelemetry(o =>
        {
            o.SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(service));
            o.AddLogFluxExporter(configureLogFlux);
        });
        return builder;
    }

    private sealed class StockEndpoint;

    private sealed class CheckoutEndpoint;
}
