using System.Text.Json;
using LogFlux.Sinks.Testing.Hosting;

namespace LogFlux.Sinks.Testing.Endpoints;

/// <summary><c>POST /v1/handshake/init</c>: announces the public key, multipart support and limits.</summary>
internal static class HandshakeInitEndpoint
{
    public static async Task<EndpointOutcome> HandleAsync(Exchange exchange)
    {
        var (body, refusal) = await HandshakeRequestReader.ReadAsync(exchange).ConfigureAwait(false);
        if (body is null)
        {
            return refusal!;
        }

        body.Dispose();
        exchange.State.CountHandshakeInit();
        var options = exchange.State.Options;
        return new EndpointOutcome
        {
            StatusCode = 200,
            Body = JsonBodies.Write(w =>
            {
                w.WriteStartObject();
                if (options.WrapResponses)
                {
                    w.WriteString("status", "success");
                    w.WriteStartObject("data");
                }

                w.WriteString("public_key", exchange.State.RsaKey.PublicKeyPem);
                w.WriteBoolean("supports_multipart", true);
                WriteLimits(w, options);
                if (options.WrapResponses)
                {
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }),
        };
    }

    private static void WriteLimits(Utf8JsonWriter w, LogFluxTestServerOptions options)
    {
        if (options.MaxBatchSize <= 0 && options.MaxPayloadSize <= 0 && options.MaxRequestSize <= 0)
        {
            return;
        }

        w.WriteStartObject("limits");
        if (options.MaxBatchSize > 0)
        {
            w.WriteNumber("max_batch_size", options.MaxBatchSize);
        }

        if (options.MaxPayloadSize > 0)
        {
            w.WriteNumber("max_payload_size", options.MaxPayloadSize);
        }

        if (options.MaxRequestSize > 0)
        {
            w.WriteNumber("max_request_size", options.MaxRequestSize);
        }

        w.WriteEndObject();
    }
}
