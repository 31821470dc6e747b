using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LogFlux.Sinks.ChildProcess;

/// <summary>
/// A generic host whose only logging provider is LogFlux (<c>builder.Logging.AddLogFlux()</c>), configured through
/// <c>Logging:LogFlux</c> configuration keys. The child logs through <c>ILogger&lt;T&gt;</c>, then stops the host the
/// way a worker does (<c>StopApplication()</c>, then <c>RunAsync</c> returns and disposes it): no flush call, so
/// the host's shutdown must deliver.
/// </summary>
internal sealed class ExtensionsLoggingMode : IChildMode
{
    private readonly IHost _host;
    private readonly Task _run;
    private readonly ILogger<ExtensionsLoggingMode> _logger;

    public ExtensionsLoggingMode(ChildArguments arguments)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var settings = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogFlux:ApiKey"] = ChildSettings.ApiKey,
            ["Logging:LogFlux:CustomEndpointUrl"] = arguments.Url,
            ["Logging:LogFlux:KeyPersistence"] = "false",
            ["Logging:LogFlux:Source"] = ChildSettings.Source,
            ["Logging:LogFlux:FlushInterval"] = ChildSettings.FlushIntervalText,
            ["Logging:LogFlux:ShutdownTimeout"] = ChildSettings.ShutdownTimeoutText,
            ["Logging:LogFlux:BufferPath"] = arguments.BufferPath,
            ["Logging:LogFlux:BufferMaxBytes"] = arguments.BufferMaxBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddLogFlux();
        _host = builder.Build();
        _run = _host.RunAsync();
        _logger = _host.Services.GetRequiredService<ILogger<ExtensionsLoggingMode>>();
        Client = SharedClientLookup.Find(ChildSettings.ApiKey, arguments.Url);
    }

    public LogFluxClient Client { get; }

    public bool ClosesAtProcessExit => false;

    public long NoClientDrops => 0;

    public void Log(string prefix, int index) => _logger.LogInformation("{Prefix}-{Index}", prefix, index);

    public void Close()
    {
        _host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        _run.GetAwaiter().GetResult();
    }
}
