using LogFlux.Extensions.Logging;
using LogFlux.Extensions.Logging.Internal;
using LogFlux.Sinks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Logging;

/// <summary>Adds the LogFlux provider to Microsoft.Extensions.Logging.</summary>
public static class LogFluxLoggingBuilderExtensions
{
    /// <summary>
    /// Sends every <see cref="ILogger"/> event to LogFlux, configured from <c>Logging:LogFlux</c> (see
    /// <see cref="LogFluxLoggerOptions"/>) and the <c>LOGFLUX_*</c> environment variables. MEL's filters apply as
    /// usual, including <c>Logging:LogFlux:LogLevel</c>. Calling it more than once adds one provider.
    /// </summary>
    /// <param name="builder">The logging builder.</param>
    /// <returns>The builder, for chaining.</returns>
    public static ILoggingBuilder AddLogFlux(this ILoggingBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddConfiguration();
        var services = builder.Services;
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<LogFluxLoggerOptions>, ConfigurationOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoggerProvider, LogFluxLoggerProvider>(provider => new LogFluxLoggerProvider(
            provider.GetRequiredService<IOptions<LogFluxLoggerOptions>>().Value,
            provider.GetService<ILogFluxClientSource>(),
            provider)));
        // The provider's own messages never go back into it.
        builder.AddFilter<LogFluxLoggerProvider>(LogFluxLoggerProvider.DiagnosticsCategory, LogLevel.None);
        return builder;
    }

    /// <summary>
    /// Like <see cref="AddLogFlux(ILoggingBuilder)"/>; <paramref name="configure"/> runs after the configuration
    /// section is read, so what it sets wins.
    /// </summary>
    /// <param name="builder">The logging builder.</param>
    /// <param name="configure">Sets the options, e.g. <c>o =&gt; o.ClientOptions.Source = "checkout-api"</c>.</param>
    /// <returns>The builder, for chaining.</returns>
    public static ILoggingBuilder AddLogFlux(this ILoggingBuilder builder, Action<LogFluxLoggerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddLogFlux();
        builder.Services.Configure(configure);
        return builder;
    }
}
