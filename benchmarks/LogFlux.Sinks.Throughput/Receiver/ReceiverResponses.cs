using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace LogFlux.Sinks.Throughput.Receiver;

/// <summary>The lean receiver's JSON answers: the service's error envelope and small success bodies.</summary>
internal static class ReceiverResponses
{
    public static Task ErrorAsync(HttpContext context, int status, string message) => JsonAsync(context, status, w =>
    {
        w.WriteStartObject();
        w.WriteString("status", "error");
        w.WriteStartObject("error");
        w.WriteString("code", status switch { 401 => "unauthorized", 404 => "not_found", 405 => "method_not_allowed", 413 => "payload_too_large", _ => "bad_request" });
        w.WriteString("message", message);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    public static async Task JsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
    }
}
