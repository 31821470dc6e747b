using System.Text.Encodings.Web;
using System.Text.Json;

namespace LogFlux.Sinks.Testing.Hosting;

/// <summary>The JSON bodies the receiver sends, written without reflection.</summary>
internal static class JsonBodies
{
    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        // Relaxed escaping keeps reasons readable (' and " stay as they are, not \u0027 / \u0022); bodies are JSON, never HTML.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        return buffer.ToArray();
    }

    /// <summary>The service's error envelope: <c>{"status":"error","error":{"code","message"},"request_id"}</c>.</summary>
    public static byte[] Error(string code, string message, int requestNumber) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("status", "error");
        w.WriteStartObject("error");
        w.WriteString("code", code);
        w.WriteString("message", message);
        w.WriteEndObject();
        w.WriteString("request_id", RequestId(requestNumber));
        w.WriteEndObject();
    });

    public static string RequestId(int requestNumber) => "req_" + requestNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string CodeFor(int statusCode) => statusCode switch
    {
        400 => "bad_request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        413 => "payload_too_large",
        415 => "unsupported_media_type",
        429 => "rate_limited",
        507 => "quota_exceeded",
        >= 500 => "server_error",
        _ => "error",
    };
}
