using LogFlux.Sinks.Testing.Hosting;
using LogFlux.Sinks.Testing.Protocol;

namespace LogFlux.Sinks.Testing.Endpoints;

/// <summary><c>POST /v1/ingest</c>: decodes every part; accepts all entries or none.</summary>
internal static class IngestEndpoint
{
    public static async Task<EndpointOutcome> HandleAsync(Exchange exchange)
    {
        string? apiKey = BearerAuthenticator.Authenticate(exchange, out var refusal);
        if (apiKey is null)
        {
            return refusal!;
        }

        string? boundary = Exchange.TryGetBoundary(exchange.Http.Request.ContentType);
        if (boundary is null)
        {
            return exchange.Reject(400, "Content-Type must be multipart/mixed with a boundary parameter (1-70 characters)");
        }

        var state = exchange.State;
        var body = await exchange.ReadBodyAsync().ConfigureAwait(false);
        if (body.Bytes is null)
        {
            return exchange.Reject(413, $"request body exceeds {state.MaxRequestBytes} bytes");
        }

        var decoder = new IngestBodyDecoder(state.Keys, state.Options.MaxPayloadSize, state.Options.AcceptMissingCrlfBeforeBoundary);
        var result = decoder.Decode(body.Bytes, boundary, exchange.Number, apiKey, DateTimeOffset.UtcNow);
        if (!result.Accepted)
        {
            var outcome = exchange.Reject(result.Problems[0].StatusCode, result.DescribeProblems(), result.PartCount, result.Problems.Select(p => p.Reason).ToArray());
            return result.Warnings.Count == 0 ? outcome : outcome.WithWarnings(result.Warnings);
        }

        return new EndpointOutcome
        {
            StatusCode = 202,
            PartCount = result.PartCount,
            Entries = result.Entries,
            Warnings = result.Warnings,
            Body = JsonBodies.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("status", "success");
                w.WriteString("message", "accepted");
                w.WriteString("request_id", JsonBodies.RequestId(exchange.Number));
                w.WriteStartObject("data");
                w.WriteBoolean("success", true);
                w.WriteNumber("total", result.Entries.Count);
                w.WriteNumber("succeeded", result.Entries.Count);
                w.WriteNumber("failed", 0);
                w.WriteEndObject();
                w.WriteEndObject();
            }),
        };
    }
}
