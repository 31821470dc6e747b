using System.Net.Http.Headers;
using LogFlux.Sinks.Diagnostics;

namespace LogFlux.Sinks.Transport;

/// <summary>
/// Finds the ingestor base URL by discovery (docs/protocol.md#endpoint-discovery): static regional discovery, then the
/// authenticated discovery URLs, then the last-resort template (reported through diagnostics).
/// The custom endpoint and the persisted key file are handled by the transport before this runs.
/// </summary>
internal sealed class EndpointResolver
{
    /// <summary>Timeout of each discovery request.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _client;
    private readonly DiscoveryUrls _urls;
    private readonly string _apiKey;
    private readonly SelfDiagnostics _diagnostics;

    public EndpointResolver(HttpClient client, DiscoveryUrls urls, string apiKey, SelfDiagnostics diagnostics)
    {
        _client = client;
        _urls = urls;
        _apiKey = apiKey;
        _diagnostics = diagnostics;
    }

    /// <summary>Returns a base URL (never throws except for the caller's cancellation).</summary>
    public async Task<string> ResolveAsync(CancellationToken cancellationToken)
    {
        var (url, error) = await TryOneAsync(_urls.StaticUrl, authenticated: false, cancellationToken).ConfigureAwait(false);
        if (url is not null) return url;
        _diagnostics.Debug($"Static discovery failed ({error}); trying authenticated discovery.");
        foreach (var candidate in _urls.AuthenticatedUrls)
        {
            (url, error) = await TryOneAsync(candidate, authenticated: true, cancellationToken).ConfigureAwait(false);
            if (url is not null) return url;
        }
        _diagnostics.Warn($"All discovery URLs failed: {error}. Using the last-resort endpoint {_urls.FallbackBaseUrl} (not a guaranteed contract).");
        return _urls.FallbackBaseUrl;
    }

    private async Task<(string? Url, string Error)> TryOneAsync(string discoveryUrl, bool authenticated, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, discoveryUrl);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (authenticated) request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _apiKey);
            var response = await JsonExchange.SendAsync(_client, request, RequestTimeout, BoundedBody.JsonResponseLimit, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != 200)
                return (null, $"{discoveryUrl}: HTTP {response.StatusCode}: {ErrorText.FromBody(response.Body, _apiKey)}");
            if (response.TooLarge || response.Body is null)
                return (null, $"{discoveryUrl}: response larger than {BoundedBody.JsonResponseLimit} bytes");
            var found = authenticated ? DiscoveryResponse.ParseAuthenticated(response.Body) : DiscoveryResponse.ParseStatic(response.Body);
            if (found is null) return (null, $"{discoveryUrl}: no ingestor URL in the response");
            var baseUrl = TryNormalize(found);
            return baseUrl is null
                ? (null, $"{discoveryUrl}: unusable ingestor URL '{ErrorText.Clean(found, _apiKey)}'")
                : (baseUrl, string.Empty);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return (null, $"{discoveryUrl}: {ErrorText.Clean(ex.Message, _apiKey)}");
        }
    }

    /// <summary>An absolute https URL (plain http only for loopback), without trailing slashes; null otherwise.</summary>
    internal static string? TryNormalize(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)) return null;
        var secure = uri.Scheme == Uri.UriSchemeHttps;
        if (!secure && !(uri.Scheme == Uri.UriSchemeHttp && Protocol.Endpoint.IsLoopback(uri))) return null;
        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo)) return null;
        return url.Trim().TrimEnd('/');
    }
}
