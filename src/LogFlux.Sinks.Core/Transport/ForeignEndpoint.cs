namespace LogFlux.Sinks.Transport;

/// <summary>
/// Recognises answers that show a URL is not a LogFlux ingestor (a web server's HTML page, or a handshake path it
/// does not have) and says so in one line, without pasting the page into diagnostics.
/// </summary>
internal static class ForeignEndpoint
{
    /// <summary>True for an HTML body, or for 404 (no such path), 405 (POST not allowed) or 501 (POST not implemented).</summary>
    public static bool IsForeign(BoundedResponse response) =>
        response.StatusCode is 404 or 405 or 501 || LooksLikeHtml(response.Body);

    /// <summary>True when the body starts (after whitespace) with an HTML doctype or tag.</summary>
    public static bool LooksLikeHtml(ReadOnlySpan<byte> body)
    {
        var text = body.TrimStart(" \t\r\n"u8);
        if (text.Length == 0 || text[0] != (byte)'<') return false;
        var head = System.Text.Encoding.ASCII.GetString(text[..Math.Min(text.Length, 16)]);
        return head.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("<!--", StringComparison.Ordinal)
            || head.StartsWith("<head", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("<body", StringComparison.OrdinalIgnoreCase);
    }

    /// <inheritdoc cref="LooksLikeHtml(ReadOnlySpan{byte})"/>
    public static bool LooksLikeHtml(byte[]? body) => body is not null && LooksLikeHtml(body.AsSpan());

    /// <summary>One line naming the URL and what it answered.</summary>
    public static string Describe(string baseUrl, int status, bool html)
    {
        var answer = html ? $"HTTP {status} with an HTML page" : $"HTTP {status}";
        return $"{Protocol.Endpoint.ForDisplay(baseUrl)} is not a LogFlux endpoint: the handshake got {answer}. Check CustomEndpointUrl (LOGFLUX_CUSTOM_ENDPOINT_URL).";
    }
}
