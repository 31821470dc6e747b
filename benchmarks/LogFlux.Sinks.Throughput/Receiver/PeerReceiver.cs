using System.Buffers;
using System.IO.Compression;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LogFlux.Sinks.Throughput.Receiver;

/// <summary>
/// The counting receiver of the Seq and OTLP peers: Kestrel on 127.0.0.1, accepts any POST, reads the
/// whole body, counts CLEF lines (Seq paths, answered 201) or OTLP log records (<c>/v1/logs</c>, 200).
/// Can be stopped and started again on the same port (outage runs).
/// </summary>
internal sealed class PeerReceiver : IAsyncDisposable
{
    private readonly ArrivalCounter _counter;
    private WebApplication? _app;

    private PeerReceiver(ArrivalCounter counter) => _counter = counter;

    public int Port { get; private set; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public static async Task<PeerReceiver> StartAsync(ArrivalCounter counter)
    {
        var receiver = new PeerReceiver(counter);
        await receiver.StartAsync().ConfigureAwait(false);
        return receiver;
    }

    public async Task StartAsync()
    {
        if (_app is not null) return;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, Port);
            o.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        if (Port == 0)
        {
            var address = app.Urls.First();
            Port = new Uri(address).Port;
        }
        _app = app;
    }

    public async Task StopAsync()
    {
        var app = Interlocked.Exchange(ref _app, null);
        if (app is null) return;
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.StatusCode = 404;
            return;
        }

        using var body = new MemoryStream(request.ContentLength is > 0 and < int.MaxValue ? (int)request.ContentLength : 64 * 1024);
        await request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        long wire = WireSize.Of(request, body.Length);
        var bytes = body.GetBuffer().AsMemory(0, (int)body.Length);
        byte[]? inflated = null;
        try
        {
            if (string.Equals(request.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase))
            {
                inflated = Gunzip(bytes, out int length);
                bytes = inflated.AsMemory(0, length);
            }

            string path = request.Path.Value ?? "";
            bool otlp = path.EndsWith("/v1/logs", StringComparison.Ordinal);
            long events = otlp ? OtlpLogRecordCounter.Count(bytes.Span) : ClefLineCounter.Count(bytes.Span);
            _counter.RecordRequest(wire);
            _counter.RecordEvents(events);
            context.Response.StatusCode = otlp ? 200 : 201;
            if (otlp) context.Response.ContentType = "application/x-protobuf";
        }
        finally
        {
            if (inflated is not null) ArrayPool<byte>.Shared.Return(inflated);
        }
    }

    private static byte[] Gunzip(ReadOnlyMemory<byte> compressed, out int length)
    {
        using var input = new MemoryStream(compressed.ToArray());
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        length = (int)output.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, length));
        output.GetBuffer().AsSpan(0, length).CopyTo(buffer);
        return buffer;
    }
}
