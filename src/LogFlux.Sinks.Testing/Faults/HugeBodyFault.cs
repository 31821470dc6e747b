using LogFlux.Sinks.Testing.Hosting;

namespace LogFlux.Sinks.Testing.Faults;

/// <summary>Streams a very large body (no Content-Length) to test a client's response read bound.</summary>
internal sealed class HugeBodyFault(int statusCode, long bytes) : Fault($"HugeBody({statusCode}, {bytes} bytes)")
{
    internal override async Task HandleAsync(Exchange exchange)
    {
        await exchange.ReadBodyAsync().ConfigureAwait(false);
        exchange.RecordFault(statusCode, statusCode is >= 200 and < 300 ? null : "injected fault " + Description, aborted: false, exchange.InspectIngestBody().PartCount);
        var response = exchange.Http.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)' ');
        long remaining = bytes;
        try
        {
            while (remaining > 0)
            {
                int size = (int)Math.Min(chunk.Length, remaining);
                await response.Body.WriteAsync(chunk.AsMemory(0, size), exchange.Lifetime).ConfigureAwait(false);
                remaining -= size;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The client stopped reading, which is what this fault is meant to provoke.
            exchange.Http.Abort();
        }
    }
}
