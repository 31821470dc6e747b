using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LogFlux.Extensions.Logging.Tests.Support;

/// <summary>
/// A <c>Host.CreateApplicationBuilder</c> app whose settings come only from an appsettings.json file written for the
/// test (the host's default configuration sources, with its content root in a temporary folder). Its logging has the
/// LogFlux provider and a <see cref="CapturingLoggerProvider"/> that shows what the host's logging received.
/// </summary>
internal sealed class JsonHost : IAsyncDisposable
{
    private readonly DirectoryInfo _root;

    private JsonHost(IHost host, DirectoryInfo root, CapturingLoggerProvider hostLog)
    {
        Host = host;
        _root = root;
        HostLog = hostLog;
    }

    public IHost Host { get; }

    public CapturingLoggerProvider HostLog { get; }

    public ILogger<T> Logger<T>() => Host.Services.GetRequiredService<ILogger<T>>();

    public static async Task<JsonHost> StartAsync(string appsettingsJson)
    {
        var root = Directory.CreateTempSubdirectory("logflux-mel-");
        await File.WriteAllTextAsync(Path.Combine(root.FullName, "appsettings.json"), appsettingsJson);
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = root.FullName,
            EnvironmentName = Environments.Production,
        });
        var hostLog = new CapturingLoggerProvider();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(hostLog);
        builder.Logging.AddLogFlux();
        var host = builder.Build();
        await host.StartAsync();
        return new JsonHost(host, root, hostLog);
    }

    /// <summary>Stops and disposes the host (which flushes the provider), then removes the folder.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Host.StopAsync();
            if (Host is IAsyncDisposable disposable) await disposable.DisposeAsync();
            else Host.Dispose();
        }
        finally
        {
            _root.Delete(recursive: true);
        }
    }
}
