using System.Text;
using LogFlux.Sinks.Testing.Hosting;

namespace LogFlux.Sinks.Testing.Faults;

/// <summary>Sends a small JSON body in ten pieces spread over a total duration.</summary>
internal sealed class SlowBodyFault(int statusCode, TimeSpan totalDuration) : Fault($"SlowBody({statusCode}, {totalDuration.TotalMilliseconds:0}ms)")
{
    private const int Pieces = 10;

    internal override async Task HandleAsync(Exchange exchange)
    {
        await exchange.ReadBodyAsync().ConfigureAwait(false);
        bool success = statusCode is >= 200 and < 300;
        exchange.RecordFault(statusCode, success ? null : "injected fault " + Description, aborted: false, exchange.InspectIngestBody().PartCount);
        byte[] body = success
            ? Encoding.UTF8.GetBytes("{\"status\":\"success\",\"message\":\"slow\"}")
            : JsonBodies.Error(JsonBodies.CodeFor(statusCode), "injected fault " + Description, exchange.Number);

        var response = exchange.Http.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        await response.StartAsync(exchange.Lifetime).ConfigureAwait(false);
        var pause = totalDuration / Pieces;
        int pieceSize = (body.Length + Pieces - 1) / Pieces;
        for (int offset = 0; offset < body.Length; offset += pieceSize)
        {
            await response.Body.WriteAsync(body.AsMemory(offset, Math.Min(pieceSize, body.Length - offset)), exchange.Lifetime).ConfigureAwait(false);
            await response.Body.FlushAsync(exchange.Lifetime).ConfigureAwait(false);
            await Task.Delay(pause, exchange.Lifetime).ConfigureAwait(false);
        }
    }
}
