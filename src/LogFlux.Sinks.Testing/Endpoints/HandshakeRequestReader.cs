using System.Net.Http.Headers;
using System.Text.Json;
using LogFlux.Sinks.Testing.Hosting;

namespace LogFlux.Sinks.Testing.Endpoints;

/// <summary>Reads and checks the common part of both handshake requests: auth, Content-Type, JSON body, <c>api_key</c>.</summary>
internal static class HandshakeRequestReader
{
    /// <summary>Returns the parsed body (the caller disposes it), or no body and the refusal to send.</summary>
    public static async Task<(JsonDocument? Body, EndpointOutcome? Refusal)> ReadAsync(Exchange exchange)
    {
        string? apiKey = BearerAuthenticator.Authenticate(exchange, out var refusal);
        if (apiKey is null)
        {
            return (null, refusal);
        }

        string? contentType = exchange.Http.Request.ContentType;
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            || !string.Equals(mediaType.MediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, exchange.Reject(400, "Content-Type must be application/json"));
        }

        var body = await exchange.ReadBodyAsync().ConfigureAwait(false);
        if (body.Bytes is null)
        {
            return (null, exchange.Reject(413, $"handshake body larger than {ReceiverState.MaxHandshakeBytes} bytes"));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.Bytes);
        }
        catch (JsonException)
        {
            return (null, exchange.Reject(400, "body is not valid JSON"));
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            return (null, exchange.Reject(400, "body must be a JSON object"));
        }

        if (!document.RootElement.TryGetProperty("api_key", out var bodyKey) || bodyKey.ValueKind != JsonValueKind.String)
        {
            document.Dispose();
            return (null, exchange.Reject(400, "field 'api_key' is required (string)"));
        }

        if (!string.Equals(bodyKey.GetString(), apiKey, StringComparison.Ordinal))
        {
            document.Dispose();
            return (null, exchange.Reject(400, "field 'api_key' does not match the bearer key"));
        }

        return (document, null);
    }
}
