using LogFlux.Sinks.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LogFlux.Sinks.AspNetCore.Tests.Support;

/// <summary>A minimal ASP.NET Core service on Kestrel, 127.0.0.1 and a free port, with the LogFlux middleware.</summary>
internal sealed class WebService : IAsyncDisposable
{
    private WebService(WebApplication app, string baseUrl)
    {
        App = app;
        BaseUrl = baseUrl;
    }

    public WebApplication App { get; }

    public string BaseUrl { get; }

    public LogFluxRequestCounters Counters => App.Services.GetRequiredService<LogFluxRequestCounters>();

    /// <summary>Starts a service. <paramref name="configure"/> null means no LogFlux at all (a plain service).</summary>
    public static async Task<WebService> StartAsync(
        Action<LogFluxAspNetCoreOptions>? configure,
        Action<WebApplication> map,
        Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        if (configure is not null) builder.Services.AddLogFlux(configure);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        if (configure is not null) app.UseLogFlux();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WebService(app, address.TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
