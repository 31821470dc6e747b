namespace LogFlux.Sinks.Testing.Protocol;

/// <summary>Checks the <c>&lt;region&gt;-lf_&lt;body&gt;</c> API key format.</summary>
internal static class ApiKeyFormat
{
    private static readonly string[] Regions = ["eu", "us", "ca", "au", "ap"];

    public static bool IsValid(string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey))
        {
            return false;
        }

        int dash = apiKey.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0 || Array.IndexOf(Regions, apiKey[..dash]) < 0)
        {
            return false;
        }

        string keyPart = apiKey[(dash + 1)..];
        return keyPart.StartsWith("lf_", StringComparison.Ordinal) && keyPart.Length > 3;
    }
}
