using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LogFlux.Sinks.Demo;

/// <summary>
/// A second "service" on loopback with its own LogFlux client: each request continues the caller's trace from
/// its <c>X-LogFlux-Trace</c> header with <see cref="LogFluxClient.ContinueFromHeaders(Func{string, string?}, string, string)"/>
/// and logs inside that span.
/// </summary>
internal sealed class InventoryService : IAsyncDisposable
{
    /// <summary>The header that carries the trace between services.</summary>
    public const string TraceHeaderName = "X-LogFlux-Trace";

    private readonly WebApplication _app;
    private int _entriesSent;

    private InventoryService(WebApplication app, LogFluxClient client)
    {
        _app = app;
        Client = client;
    }

    /// <summary>The service's own client (source <see cref="DemoSettings.InventorySource"/>).</summary>
    public LogFluxClient Client { get; }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Entries the service handed to its client.</summary>
    public int EntriesSent => Volatile.Read(ref _entriesSent);

    public static async Task<InventoryService> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var service = new InventoryService(app, new LogFluxClient(DemoSettings.ClientOptions(DemoSettings.InventorySource)));
        app.MapGet("/inventory/{sku}", (HttpRequest request, string sku) => service.CheckStock(request, sku));
        await app.StartAsync();
        service.BaseUrl = app.Urls.First().TrimEnd('/');
        return service;
    }

    private IResult CheckStock(HttpRequest request, string sku)
    {
        using var scope = Client.BeginScope();
        scope.SetAttribute(DemoSettings.FrameworkAttribute, DemoSettings.Core);
        using var span = Client.ContinueFromHeaders(name => request.Headers[name].FirstOrDefault(), "http.server", $"GET /inventory/{sku}");
        span.SetAttribute("sku", sku);
        Client.Info("stock checked", DemoSettings.Attrs(("sku", sku), ("available", "7")));
        Interlocked.Add(ref _entriesSent, 2);
        return Results.Ok(new { sku, available = 7 });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Client.DisposeAsync();
    }
}
