using System.Net;

namespace LogFlux.Sinks.Transport;

/// <summary>Builds the one <see cref="HttpClient"/> a transport uses for discovery, handshake and ingest.</summary>
internal static class TransportHttpClient
{
    public static HttpClient Create(LogFluxOptions options)
    {
        var handler = options.CreateHttpMessageHandler?.Invoke() ?? CreateDefaultHandler(options.ProxyAddress);
        var client = new HttpClient(new OwnRequestScopeHandler(handler), disposeHandler: true)
        {
            // Every request carries its own timeout (10 s discovery, HttpTimeout otherwise) through a linked token.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", UserAgent.Value);
        return client;
    }

    private static SocketsHttpHandler CreateDefaultHandler(string? proxyAddress)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            // The client's own requests must not create traces or propagate trace headers (no feedback loop).
            ActivityHeadersPropagator = null,
            // A redirected POST would lose its body and a redirected request its Authorization: treat 3xx as an answer.
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        if (!string.IsNullOrWhiteSpace(proxyAddress))
        {
            handler.Proxy = new WebProxy(new Uri(proxyAddress, UriKind.Absolute));
            handler.UseProxy = true;
        }
        return handler;
    }
}
