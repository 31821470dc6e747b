using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace LogFlux.Sinks.Core.Tests.Transport;

/// <summary>A scripted response of <see cref="StubHttpServer"/>.</summary>
internal sealed record StubResponse(int Status, string Body = "", IReadOnlyDictionary<string, string>? Headers = null, long HugeBodyBytes = 0);

/// <summary>One request seen by <see cref="StubHttpServer"/>.</summary>
internal sealed record StubRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body);

/// <summary>
/// A tiny loopback HTTP server (HttpListener) for what the LogFlux receiver does not serve: discovery documents
/// and hand-made ingest responses (HTTP-date Retry-After, rate-limit headers, error envelopes).
/// </summary>
internal sealed class StubHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<StubRequest, StubResponse> _handler;
    private readonly ConcurrentQueue<StubRequest> _requests = new();
    private readonly Task _loop;

    private StubHttpServer(Func<StubRequest, StubResponse> handler, int port)
    {
        _handler = handler;
        BaseUrl = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(BaseUrl + "/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string BaseUrl { get; }

    public IReadOnlyList<StubRequest> Requests => _requests.ToArray();

    public static StubHttpServer Start(Func<StubRequest, StubResponse> handler)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new StubHttpServer(handler, FreePort());
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // The free port was taken between probing and binding; try another.
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null)
                .ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            var request = new StubRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, headers, body.ToArray());
            _requests.Enqueue(request);
            var response = _handler(request);
            context.Response.StatusCode = response.Status;
            foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
                context.Response.Headers[name] = value;
            if (response.HugeBodyBytes > 0)
            {
                context.Response.ContentType = "application/json";
                context.Response.SendChunked = true;
                var chunk = new byte[64 * 1024];
                Array.Fill(chunk, (byte)'a');
                for (long sent = 0; sent < response.HugeBodyBytes; sent += chunk.Length)
                    await context.Response.OutputStream.WriteAsync(chunk);
            }
            else
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(response.Body);
                context.Response.ContentType = "application/json";
                context.Response.ContentLength64 = bytes.Length;
                await context.Response.OutputStream.WriteAsync(bytes);
            }
            context.Response.Close();
        }
        catch (Exception)
        {
            // The client went away (e.g. it stopped reading a huge body): nothing to do.
            try { context.Response.Abort(); } catch (Exception) { }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try { await _loop.WaitAsync(TimeSpan.FromSeconds(5)); } catch (Exception) { }
    }
}
