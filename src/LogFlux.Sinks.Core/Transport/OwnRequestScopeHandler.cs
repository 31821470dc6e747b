using LogFlux.Sinks.Adapters;

namespace LogFlux.Sinks.Transport;

/// <summary>The outermost handler of a transport: runs each request inside the scopes of <see cref="LogFluxOwnRequests"/>.</summary>
internal sealed class OwnRequestScopeHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var scopes = LogFluxOwnRequests.Enter();
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var scopes = LogFluxOwnRequests.Enter();
        return base.Send(request, cancellationToken);
    }
}
