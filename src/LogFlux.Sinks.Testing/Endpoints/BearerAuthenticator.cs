using LogFlux.Sinks.Testing.Hosting;
using LogFlux.Sinks.Testing.Protocol;

namespace LogFlux.Sinks.Testing.Endpoints;

/// <summary>Checks <c>Authorization: Bearer &lt;api key&gt;</c>. Refusal texts never contain the key.</summary>
internal static class BearerAuthenticator
{
    private const string Scheme = "Bearer ";

    /// <summary>Returns the API key, or null with <paramref name="refusal"/> set to a 401 outcome.</summary>
    public static string? Authenticate(Exchange exchange, out EndpointOutcome? refusal)
    {
        refusal = null;
        string? header = exchange.Http.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            refusal = exchange.Reject(401, "missing Authorization header");
            return null;
        }

        if (!header.StartsWith(Scheme, StringComparison.Ordinal))
        {
            refusal = exchange.Reject(401, "Authorization header must use the Bearer scheme");
            return null;
        }

        string apiKey = header[Scheme.Length..];
        if (!ApiKeyFormat.IsValid(apiKey))
        {
            refusal = exchange.Reject(401, "API key format is invalid (expected <region>-lf_<key>)");
            return null;
        }

        if (exchange.State.Options.RequiredApiKey is { } required && !string.Equals(required, apiKey, StringComparison.Ordinal))
        {
            refusal = exchange.Reject(401, "API key rejected");
            return null;
        }

        return apiKey;
    }
}
