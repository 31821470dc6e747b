using LogFlux.Sinks.Testing;

namespace LogFlux.Sinks.Throughput.Receiver;

/// <summary>
/// The LogFlux peers' receiver: a real <see cref="LogFluxTestServer"/> (handshake, AES-GCM decryption,
/// strict parsing), counting entries through <see cref="LogFluxTestServerOptions.OnEntry"/>. Its stored
/// entries and requests are harvested for their wire size and cleared every 200 ms so a long run does not
/// hold a million decoded entries; a request cleared before it was seen is counted as missed and its size
/// extrapolated from the others.
/// </summary>
internal sealed class LogFluxReceiver : IAsyncDisposable
{
    private readonly ArrivalCounter _counter;
    private readonly LogFluxTestServer _server;
    private readonly Timer _harvester;
    private readonly object _gate = new();
    private int _lastRequestNumber;

    private LogFluxReceiver(ArrivalCounter counter, LogFluxTestServer server)
    {
        _counter = counter;
        _server = server;
        _harvester = new Timer(_ => Harvest(), null, 200, 200);
    }

    public string BaseUrl => _server.BaseUrl;

    public static async Task<LogFluxReceiver> StartAsync(ArrivalCounter counter)
    {
        var options = new LogFluxTestServerOptions { OnEntry = _ => counter.RecordEvents(1) };
        var server = await LogFluxTestServer.StartAsync(options).ConfigureAwait(false);
        return new LogFluxReceiver(counter, server);
    }

    public Task StopAsync() => _server.StopAsync();

    public Task RestartAsync() => _server.RestartAsync();

    /// <summary>Counts the wire size of the requests stored since the last call, then clears the store.</summary>
    public void Harvest()
    {
        lock (_gate)
        {
            var requests = _server.Requests;
            _server.Clear();
            foreach (var request in requests.OrderBy(r => r.Number))
            {
                if (request.Number <= _lastRequestNumber) continue;
                int gap = request.Number - _lastRequestNumber - 1;
                if (gap > 0 && _lastRequestNumber > 0) _counter.RecordMissedRequests(gap);
                _lastRequestNumber = request.Number;
                if (request.Path.Contains("handshake", StringComparison.Ordinal)) continue;
                _counter.RecordRequest(WireSize.Of(request.Method, request.Path, request.Headers, request.BodyLength));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _harvester.DisposeAsync().ConfigureAwait(false);
        await _server.DisposeAsync().ConfigureAwait(false);
    }
}
