namespace LogFlux.Sinks.Protocol;

/// <summary>Base URL rules (docs/protocol.md#endpoint-discovery) and the endpoint id of key files (docs/protocol.md#key-file-location).</summary>
internal static class Endpoint
{
    /// <summary>
    /// Validates a custom endpoint as an absolute <c>http</c>/<c>https</c> URL without query or fragment and
    /// strips trailing <c>/</c> characters. Whether plain http is allowed is decided by the options.
    /// </summary>
    /// <exception cref="LogFluxConfigurationException">The URL is not an absolute http(s) URL.</exception>
    public static string NormalizeBaseUrl(string url)
    {
        if (!TryNormalizeBaseUrl(url, out var normalized, out var error))
            throw new LogFluxConfigurationException(error!);
        return normalized;
    }

    /// <summary>Like <see cref="NormalizeBaseUrl"/> without throwing.</summary>
    public static bool TryNormalizeBaseUrl(string? url, out string normalized, out string? error)
    {
        normalized = string.Empty;
        string trimmed = url?.Trim() ?? string.Empty;
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
        {
            error = $"CustomEndpointUrl \"{ForDisplay(trimmed)}\" is not an absolute http:// or https:// URL (for example https://ingest.example.com).";
            return false;
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            error = $"CustomEndpointUrl \"{ForDisplay(trimmed)}\" must not have a query or fragment; give the base URL only.";
            return false;
        }

        normalized = trimmed.TrimEnd('/');
        error = null;
        return true;
    }

    /// <summary>
    /// The endpoint id: for a custom endpoint its URL as scheme + <c>://</c> + host (lower case) +
    /// <c>:port</c> when not the scheme default + path without trailing <c>/</c>; otherwise
    /// <c>discovery:&lt;zone or region&gt;</c>. A custom URL that does not parse is used trimmed, without trailing <c>/</c>.
    /// </summary>
    public static string EndpointId(string? customEndpointUrl, string region, string? zone)
    {
        if (string.IsNullOrWhiteSpace(customEndpointUrl))
            return "discovery:" + (string.IsNullOrWhiteSpace(zone) ? region : zone.Trim());

        string trimmed = customEndpointUrl.Trim();
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)) return trimmed.TrimEnd('/');
        string port = uri.IsDefaultPort ? string.Empty : ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return string.Concat(uri.Scheme.ToLowerInvariant(), "://", uri.Host.ToLowerInvariant(), port, uri.AbsolutePath.TrimEnd('/'));
    }

    /// <summary>True when the URL's host is a loopback name or address (<c>localhost</c>, 127.0.0.0/8, <c>::1</c>).</summary>
    public static bool IsLoopback(Uri uri)
    {
        if (uri.IsLoopback) return true;
        string host = uri.Host;
        return host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A URL safe to show in messages: user information (credentials) is replaced by <c>****</c>.</summary>
    public static string ForDisplay(string? url)
    {
        if (string.IsNullOrEmpty(url)) return string.Empty;
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0)
        {
            int at = url.IndexOf('@');
            int schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
            if (at > 0 && schemeEnd > 0 && schemeEnd < at) return string.Concat(url.AsSpan(0, schemeEnd + 3), "****", url.AsSpan(at));
        }
        return url;
    }
}
