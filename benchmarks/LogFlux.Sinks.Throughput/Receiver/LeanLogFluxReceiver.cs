using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LogFlux.Sinks.Throughput.Receiver;

/// <summary>
/// The LogFlux peers' receiver, doing per event no more than <see cref="PeerReceiver"/> does (count, no decoding):
/// Kestrel on 127.0.0.1 set up like <see cref="PeerReceiver"/>, a real handshake (RSA-2048, OAEP-SHA256 unwrap,
/// key id), and an ingest endpoint that counts parts by scanning for delimiters, records the wire size and answers
/// 200. The first part of each run and one in <see cref="PartSampler.Interval"/> after it are fully decrypted,
/// gunzipped and parsed; <see cref="Verification"/> reports the tally. Can be stopped and started again on the
/// same port; session keys survive that (outage runs).
/// </summary>
internal sealed class LeanLogFluxReceiver : IAsyncDisposable
{
    private readonly HandshakeKeys _keys = new();
    private readonly PartSampler _sampler = new();
    private readonly LeanHandshakeEndpoints _handshake;
    private readonly LeanIngestEndpoint _ingest;
    private WebApplication? _app;

    private LeanLogFluxReceiver(ArrivalCounter counter)
    {
        _handshake = new LeanHandshakeEndpoints(_keys);
        _ingest = new LeanIngestEndpoint(counter, _sampler, _keys);
    }

    public int Port { get; private set; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>The verification tally of the current run (since <see cref="BeginRun"/>).</summary>
    public VerificationStats Verification => _sampler.Read();

    public static async Task<LeanLogFluxReceiver> StartAsync(ArrivalCounter counter)
    {
        var receiver = new LeanLogFluxReceiver(counter);
        await receiver.ListenAsync().ConfigureAwait(false);
        return receiver;
    }

    /// <summary>Starts a new run: resets the verification tally, so the next part received is verified.</summary>
    public void BeginRun() => _sampler.Reset();

    public async Task StopAsync()
    {
        var app = Interlocked.Exchange(ref _app, null);
        if (app is null) return;
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Listens again on the same port with the same keys (stops first if running).</summary>
    public async Task RestartAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await ListenAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _keys.Dispose();
    }

    private async Task ListenAsync()
    {
        if (_app is not null) return;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o =>
        {
            o.AddServerHeader = false;
            o.Listen(IPAddress.Loopback, Port);
            o.Limits.MaxRequestBodySize = null; // bounded by the ingest endpoint itself, so that it can answer 413
        });
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        if (Port == 0) Port = new Uri(app.Urls.First()).Port;
        _app = app;
    }

    private Task HandleAsync(HttpContext context)
    {
        string path = context.Request.Path.Value ?? "";
        if (HttpMethods.IsGet(context.Request.Method) && path == "/health")
        {
            context.Response.StatusCode = 200;
            return Task.CompletedTask;
        }

        bool known = path is "/v1/ingest" or "/v1/handshake/init" or "/v1/handshake/complete";
        if (!known) return ReceiverResponses.ErrorAsync(context, 404, "unknown path");
        if (!HttpMethods.IsPost(context.Request.Method)) return ReceiverResponses.ErrorAsync(context, 405, "use POST");
        return path switch
        {
            "/v1/ingest" => _ingest.HandleAsync(context),
            "/v1/handshake/init" => _handshake.InitAsync(context),
            _ => _handshake.CompleteAsync(context),
        };
    }
}
