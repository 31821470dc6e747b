using System.Text.Json;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Transport;

/// <summary>Parses the two discovery documents (docs/protocol.md#endpoint-discovery) into an ingestor base URL.</summary>
internal static class DiscoveryResponse
{
    /// <summary>Static discovery: <c>endpoints.ingestor_url</c>, non-empty.</summary>
    public static string? ParseStatic(ReadOnlyMemory<byte> json)
    {
        using var document = JsonBody.TryParse(json);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object) return null;
        return document.RootElement.TryGetProperty("endpoints", out var endpoints) && endpoints.ValueKind == JsonValueKind.Object
            ? NonBlankString(endpoints, "ingestor_url")
            : null;
    }

    /// <summary>
    /// Authenticated discovery: the current shape (top-level <c>ingestor_url</c>) or the legacy wrapped shape
    /// (<c>data.base_url</c>). An empty value is a failure.
    /// </summary>
    public static string? ParseAuthenticated(ReadOnlyMemory<byte> json)
    {
        using var document = JsonBody.TryParse(json);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object) return null;
        var root = document.RootElement;
        if (root.TryGetProperty("ingestor_url", out _) || root.TryGetProperty("backend_url", out _))
            return NonBlankString(root, "ingestor_url");
        return root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            ? NonBlankString(data, "base_url")
            : null;
    }

    private static string? NonBlankString(JsonElement obj, string name) => JsonBody.NonBlankString(obj, name);
}
