using LogFlux.Sinks.Testing.Hosting;

namespace LogFlux.Sinks.Testing.Endpoints;

/// <summary><c>GET /health</c> and <c>GET /info</c>.</summary>
internal static class ServiceEndpoints
{
    public static EndpointOutcome Health() => new()
    {
        StatusCode = 200,
        Body = JsonBodies.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("status", "ok");
            w.WriteEndObject();
        }),
    };

    public static EndpointOutcome Info(ReceiverState state) => new()
    {
        StatusCode = 200,
        Body = JsonBodies.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("service", "logflux-test-receiver");
            w.WriteString("version", typeof(ServiceEndpoints).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
            w.WriteBoolean("supports_multipart", true);
            w.WriteString("public_key_fingerprint", state.RsaKey.Fingerprint);
            w.WriteEndObject();
        }),
    };
}
