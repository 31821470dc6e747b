namespace LogFlux.Sinks.Transport;

/// <summary>Shapes server and exception texts for error messages: at most 200 characters, never the API key.</summary>
internal static class ErrorText
{
    public const int MaxLength = 200;

    /// <summary>Replaces every occurrence of the API key with its mask, flattens line breaks and cuts to 200 characters.</summary>
    public static string Clean(string? text, string? apiKey)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        if (!string.IsNullOrEmpty(apiKey) && text.Contains(apiKey, StringComparison.Ordinal))
            text = text.Replace(apiKey, Protocol.ApiKey.Mask(apiKey), StringComparison.Ordinal);
        text = text.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Trim();
        return Truncate(text, MaxLength);
    }

    /// <summary>Decodes a body as UTF-8 (invalid bytes replaced) and cleans it.</summary>
    public static string FromBody(ReadOnlySpan<byte> body, string? apiKey)
    {
        // Decode a bounded prefix only: 4 bytes per character covers 200 characters of any UTF-8 text, and the key.
        var prefix = body.Length > 4096 ? body[..4096] : body;
        return Clean(System.Text.Encoding.UTF8.GetString(prefix), apiKey);
    }

    public static string Truncate(string text, int maxLength)
    {
        if (text.Length <= maxLength) return text;
        var cut = maxLength;
        if (char.IsHighSurrogate(text[cut - 1])) cut--;
        return text[..cut];
    }
}
