using LogFlux.Sinks;
using LogFlux.Sinks.AspNetCore;
using LogFlux.Sinks.AspNetCore.Middleware;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the LogFlux request middleware to the ASP.NET Core pipeline.</summary>
public static class LogFluxApplicationBuilderExtensions
{
    /// <summary>
    /// Traces every request that is not excluded: continues an incoming <c>X-LogFlux-Trace</c> or W3C
    /// <c>traceparent</c> header, records an <c>http.server</c> span named <c>{METHOD} {route template}</c>,
    /// opens a LogFlux scope (<c>request_id</c>, <c>http.method</c>, <c>http.path</c>) and captures unhandled
    /// exceptions before rethrowing them. Place it early (before routing and before your own exception
    /// handling middleware) so it sees the whole request. Requires <c>services.AddLogFlux()</c>.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The application builder, for chaining.</returns>
    /// <exception cref="InvalidOperationException"><c>services.AddLogFlux()</c> was not called.</exception>
    /// <exception cref="LogFluxConfigurationException"><see cref="LogFluxAspNetCoreOptions.ClientOptions"/> are invalid and their
    /// <see cref="LogFluxOptions.Failsafe"/> is off. With Failsafe on (the default) the problem is logged as one error and the
    /// application runs without sending.</exception>
    public static IApplicationBuilder UseLogFlux(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.ApplicationServices;
        var clients = services.GetService<LogFluxClientProvider>()
            ?? throw new InvalidOperationException("LogFlux services are not registered: call services.AddLogFlux() before app.UseLogFlux().");
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger("LogFlux.Sinks.AspNetCore") ?? NullLogger.Instance;
        if (clients.EnsureConfigured() is { } problem)
        {
            logger.LogError(
                "LogFlux is disabled: {Problem}. The application runs; nothing is sent to LogFlux until the configuration is fixed (Failsafe is on; with Failsafe = false this fails at start-up).",
                problem.TrimEnd('.'));
        }
        var options = services.GetRequiredService<IOptions<LogFluxAspNetCoreOptions>>().Value;
        var counters = services.GetRequiredService<LogFluxRequestCounters>();
        return app.Use(next => new LogFluxMiddleware(next, clients, options, counters, logger).InvokeAsync);
    }
}
