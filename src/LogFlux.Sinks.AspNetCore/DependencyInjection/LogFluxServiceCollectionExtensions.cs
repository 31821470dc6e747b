using LogFlux.Sinks;
using LogFlux.Sinks.AspNetCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the LogFlux ASP.NET Core integration.</summary>
public static class LogFluxServiceCollectionExtensions
{
    /// <summary>
    /// Registers the services of <c>app.UseLogFlux()</c> and <c>AddLogFluxPropagation()</c>: the options, the
    /// client resolution (see <see cref="LogFluxAspNetCoreOptions"/>, also registered as <see cref="ILogFluxClientSource"/>
    /// for the logging provider) and <see cref="LogFluxRequestCounters"/>.
    /// Calling it again adds another configuration step.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options; without it the client of <c>LogFluxSdk.Init</c> is used.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddLogFlux(this IServiceCollection services, Action<LogFluxAspNetCoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<LogFluxAspNetCoreOptions>();
        if (configure is not null) options.Configure(configure);
        services.TryAddSingleton<LogFluxRequestCounters>();
        services.TryAddSingleton<LogFluxClientProvider>();
        services.TryAddSingleton<ILogFluxClientSource>(provider => provider.GetRequiredService<LogFluxClientProvider>());
        services.TryAddTransient(provider => new LogFluxPropagationHandler(ClientSource(provider)));
        return services;
    }

    /// <summary>Where a handler created from <paramref name="provider"/> finds its client at send time.</summary>
    internal static Func<LogFluxClient?> ClientSource(IServiceProvider provider)
    {
        var clients = provider.GetService<LogFluxClientProvider>();
        return clients is null ? static () => LogFluxSdk.Client : () => clients.Client;
    }
}
