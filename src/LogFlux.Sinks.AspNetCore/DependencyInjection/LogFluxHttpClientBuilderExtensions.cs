using LogFlux.Sinks.AspNetCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds LogFlux trace propagation to clients created by <c>IHttpClientFactory</c>.</summary>
public static class LogFluxHttpClientBuilderExtensions
{
    /// <summary>
    /// Adds a <see cref="LogFluxPropagationHandler"/> to the client: every outgoing request becomes an
    /// <c>http.client</c> span and carries <c>X-LogFlux-Trace</c> and <c>traceparent</c>. It uses the client
    /// configured with <c>AddLogFlux()</c>, or the one of <c>LogFluxSdk.Init</c> when that was not called.
    /// </summary>
    /// <param name="builder">The HTTP client builder.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHttpClientBuilder AddLogFluxPropagation(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddHttpMessageHandler(provider => new LogFluxPropagationHandler(LogFluxServiceCollectionExtensions.ClientSource(provider)));
    }
}
