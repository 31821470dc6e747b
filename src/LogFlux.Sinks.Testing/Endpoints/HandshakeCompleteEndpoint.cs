using System.Text.Json;
using LogFlux.Sinks.Protocol;
using LogFlux.Sinks.Testing.Hosting;

namespace LogFlux.Sinks.Testing.Endpoints;

/// <summary><c>POST /v1/handshake/complete</c>: unwraps the AES key and stores it under a new key id.</summary>
internal static class HandshakeCompleteEndpoint
{
    public static async Task<EndpointOutcome> HandleAsync(Exchange exchange)
    {
        var (body, refusal) = await HandshakeRequestReader.ReadAsync(exchange).ConfigureAwait(false);
        if (body is null)
        {
            return refusal!;
        }

        byte[] ciphertext;
        using (body)
        {
            if (!body.RootElement.TryGetProperty("encrypted_secret", out var secret) || secret.ValueKind != JsonValueKind.String)
            {
                return exchange.Reject(400, "field 'encrypted_secret' is required (string)");
            }

            try
            {
                ciphertext = Convert.FromBase64String(secret.GetString()!);
            }
            catch (FormatException)
            {
                return exchange.Reject(400, "field 'encrypted_secret' is not valid base64");
            }
        }

        var rsaKey = exchange.State.RsaKey;
        if (ciphertext.Length != rsaKey.ModulusBytes)
        {
            return exchange.Reject(400, $"encrypted_secret must be {rsaKey.ModulusBytes} bytes, got {ciphertext.Length}");
        }

        byte[]? aesKey = rsaKey.Unwrap(ciphertext, exchange.State.Options.AcceptJavaMgf1Sha1, out _);
        if (aesKey is null)
        {
            return exchange.Reject(400, "encrypted_secret could not be decrypted (RSA-OAEP SHA-256)");
        }

        if (aesKey.Length != WireNames.AesKeySize)
        {
            Array.Clear(aesKey);
            return exchange.Reject(400, $"decrypted secret must be {WireNames.AesKeySize} bytes, got {aesKey.Length}");
        }

        string keyId = exchange.State.Keys.Add(aesKey);
        exchange.State.CountHandshakeComplete();
        bool wrap = exchange.State.Options.WrapResponses;
        return new EndpointOutcome
        {
            StatusCode = 200,
            Body = JsonBodies.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("status", "success");
                if (wrap)
                {
                    w.WriteStartObject("data");
                    w.WriteString("key_id", keyId);
                    w.WriteEndObject();
                }
                else
                {
                    w.WriteString("key_id", keyId);
                }

                w.WriteEndObject();
            }),
        };
    }
}
