namespace LogFlux.Sinks.Transport;

/// <summary>Where endpoint discovery looks (docs/protocol.md#endpoint-discovery); tests point these at local stubs.</summary>
/// <param name="StaticUrl">Static regional discovery, requested without Authorization.</param>
/// <param name="AuthenticatedUrls">Authenticated discovery URLs, tried in order.</param>
/// <param name="FallbackBaseUrl">Last-resort ingestor base URL when every discovery URL failed.</param>
internal sealed record DiscoveryUrls(string StaticUrl, IReadOnlyList<string> AuthenticatedUrls, string FallbackBaseUrl)
{
    /// <summary>The production URLs for a region code (or the <c>zone</c> that replaces it).</summary>
    public static DiscoveryUrls ForRegion(string region) => new(
        $"https://discover.{region}.logflux.io",
        ["https://api.logflux.io/api/discovery", "https://eu.api.logflux.io/api/discovery", "https://us.api.logflux.io/api/discovery"],
        $"https://api.ingest.{region}.logflux.io");
}
