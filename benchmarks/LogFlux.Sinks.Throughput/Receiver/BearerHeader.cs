using Microsoft.AspNetCore.Http;

namespace LogFlux.Sinks.Throughput.Receiver;

/// <summary>The lean receiver's check of <c>Authorization: Bearer &lt;region&gt;-lf_&lt;body&gt;</c> (format only; any key is accepted).</summary>
internal static class BearerHeader
{
    private const string Scheme = "Bearer ";

    public static bool IsPresent(HttpRequest request) => ApiKey(request) is not null;

    /// <summary>The API key of the header, or null when the header is missing or not of the expected shape.</summary>
    public static string? ApiKey(HttpRequest request)
    {
        string header = request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme, StringComparison.Ordinal)) return null;
        int separator = header.IndexOf('-', Scheme.Length);
        bool wellFormed = separator > Scheme.Length
            && string.CompareOrdinal(header, separator + 1, "lf_", 0, 3) == 0
            && header.Length > separator + 4;
        return wellFormed ? header[Scheme.Length..] : null;
    }
}
