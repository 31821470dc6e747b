namespace LogFlux.Sinks.Protocol;

/// <summary>
/// Validation and masking of LogFlux API keys (<c>&lt;region&gt;-lf_&lt;body&gt;</c>, docs/protocol.md#api-key).
/// </summary>
internal static class ApiKey
{
    /// <summary>The region codes a key (or the zone option) may name, in the order the messages list them.</summary>
    public static readonly IReadOnlyList<string> Regions = ["eu", "us", "ca", "au", "ap"];

    public const string RequiredMessage = "API key is required";
    public const string FormatMessage = "Invalid API key format: must be <region>-lf_<key>";
    public const string PrefixMessage = "Invalid API key format: key must start with lf_";
    public const string EmptyBodyMessage = "Invalid API key format: key body is empty";
    public const string EnvironmentRequiredMessage = "LOGFLUX_API_KEY environment variable is required";

    private const string KeyPrefix = "lf_";
    private const string Masked = "****";

    /// <summary>The region error text, quoting the offending region (which may be empty).</summary>
    public static string RegionMessage(string region) => $"Invalid API key region: \"{region}\" (expected eu, us, ca, au, or ap)";

    /// <summary>True when <paramref name="value"/> is one of the five region codes (case-sensitive).</summary>
    public static bool IsRegion(string? value) => value is "eu" or "us" or "ca" or "au" or "ap";

    /// <summary>
    /// Trims surrounding whitespace and validates the key; returns the trimmed key.
    /// </summary>
    /// <exception cref="LogFluxConfigurationException">The key is invalid; the message is the exact text listed in docs/protocol.md#api-key.</exception>
    public static string Validate(string? apiKey, out string region)
    {
        if (!TryValidate(apiKey, out var normalized, out region, out var error))
            throw new LogFluxConfigurationException(error!);
        return normalized;
    }

    /// <summary>Validates like <see cref="Validate"/> without throwing.</summary>
    public static bool TryValidate(string? apiKey, out string normalizedKey, out string region, out string? error)
    {
        normalizedKey = apiKey?.Trim() ?? string.Empty;
        region = string.Empty;
        error = null;

        if (normalizedKey.Length == 0)
        {
            error = RequiredMessage;
            return false;
        }

        int dash = normalizedKey.IndexOf('-');
        if (dash < 0)
        {
            error = FormatMessage;
            return false;
        }

        string left = normalizedKey[..dash];
        if (!IsRegion(left))
        {
            error = RegionMessage(left);
            return false;
        }

        var right = normalizedKey.AsSpan(dash + 1);
        if (!right.StartsWith(KeyPrefix, StringComparison.Ordinal))
        {
            error = PrefixMessage;
            return false;
        }

        if (right.Length == KeyPrefix.Length)
        {
            error = EmptyBodyMessage;
            return false;
        }

        region = left;
        return true;
    }

    /// <summary>
    /// Masks a key for diagnostics: <c>eu-lf_****9f3a</c>. Keys of 8 characters or fewer, and keys that
    /// are not of the form <c>&lt;region&gt;-lf_…</c>, become <c>****</c>. The last four characters are
    /// shown only when the body after <c>lf_</c> has at least 8 characters, so a short key is never
    /// mostly revealed.
    /// </summary>
    public static string Mask(string? apiKey)
    {
        string key = apiKey?.Trim() ?? string.Empty;
        if (key.Length <= 8) return Masked;

        int dash = key.IndexOf('-');
        if (dash < 0 || !IsRegion(key[..dash])) return Masked;
        int bodyStart = dash + 1 + KeyPrefix.Length;
        if (!key.AsSpan(dash + 1).StartsWith(KeyPrefix, StringComparison.Ordinal)) return Masked;

        int bodyLength = key.Length - bodyStart;
        string tail = bodyLength >= 8 ? key[^4..] : string.Empty;
        return string.Concat(key.AsSpan(0, bodyStart), Masked, tail);
    }
}
