using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LogFlux.Sinks.Throughput.Receiver;

/// <summary>
/// The harness's control endpoint for the children (never stopped): <c>GET /stats</c>, <c>POST /reset</c>
/// (zero the counters, start the receiver CPU clock), <c>POST /mark</c> (stop it), and
/// <c>POST /outage/start</c> / <c>/outage/end</c> (stop / restart both data receivers).
/// </summary>
internal sealed class ControlServer : IAsyncDisposable
{
    private readonly ArrivalCounter _counter;
    private readonly PeerReceiver _peers;
    private readonly LeanLogFluxReceiver _logFlux;
    private WebApplication? _app;
    private TimeSpan _cpuAtReset;
    private TimeSpan _cpuAtMark;

    public ControlServer(ArrivalCounter counter, PeerReceiver peers, LeanLogFluxReceiver logFlux)
    {
        _counter = counter;
        _peers = peers;
        _logFlux = logFlux;
    }

    public string BaseUrl { get; private set; } = "";

    /// <summary>The harness process's CPU between the child's reset and mark: the receivers' cost (indicative).</summary>
    public TimeSpan ReceiverCpu => _cpuAtMark > _cpuAtReset ? _cpuAtMark - _cpuAtReset : TimeSpan.Zero;

    /// <summary>Stopwatch ticks when the last outage ended (receivers listening again).</summary>
    public long RestoredAt { get; private set; }

    /// <summary>Forgets everything a previous child left behind (late arrivals, marks) before the next one starts.</summary>
    public void PrepareForChild()
    {
        _logFlux.BeginRun();
        _counter.Reset();
        _cpuAtReset = _cpuAtMark = TimeSpan.Zero;
        RestoredAt = 0;
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/stats", () => Results.Text(JsonSerializer.Serialize(_counter.Read()), "application/json"));
        app.MapPost("/reset", () =>
        {
            _counter.Reset();
            _cpuAtReset = Process.GetCurrentProcess().TotalProcessorTime;
            return Results.Ok();
        });
        app.MapPost("/mark", () =>
        {
            _cpuAtMark = Process.GetCurrentProcess().TotalProcessorTime;
            return Results.Ok();
        });
        app.MapPost("/outage/start", async () =>
        {
            await _peers.StopAsync().ConfigureAwait(false);
            await _logFlux.StopAsync().ConfigureAwait(false);
            return Results.Ok();
        });
        app.MapPost("/outage/end", async () =>
        {
            await _peers.StartAsync().ConfigureAwait(false);
            await _logFlux.RestartAsync().ConfigureAwait(false);
            RestoredAt = Stopwatch.GetTimestamp();
            return Results.Text(RestoredAt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
        await app.StartAsync().ConfigureAwait(false);
        BaseUrl = app.Urls.First();
        _app = app;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is null) return;
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
