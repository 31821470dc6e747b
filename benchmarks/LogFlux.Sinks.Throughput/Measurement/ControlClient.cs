using System.Diagnostics;
using System.Text.Json;
using LogFlux.Sinks.Throughput.Receiver;

namespace LogFlux.Sinks.Throughput.Measurement;

/// <summary>The child's side of the harness's control endpoint (polled every 10 ms while waiting, as in the baseline).</summary>
internal sealed class ControlClient : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);
    private readonly HttpClient _http;

    public ControlClient(string baseUrl)
    {
        _http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task<ReceiverStats> StatsAsync()
    {
        var json = await _http.GetStringAsync("/stats").ConfigureAwait(false);
        return JsonSerializer.Deserialize<ReceiverStats>(json)!;
    }

    public async Task ResetAsync() => (await _http.PostAsync("/reset", null).ConfigureAwait(false)).EnsureSuccessStatusCode();

    public async Task MarkAsync() => (await _http.PostAsync("/mark", null).ConfigureAwait(false)).EnsureSuccessStatusCode();

    public async Task OutageStartAsync() => (await _http.PostAsync("/outage/start", null).ConfigureAwait(false)).EnsureSuccessStatusCode();

    /// <summary>Restarts the receivers; returns the Stopwatch timestamp at which they listen again.</summary>
    public async Task<long> OutageEndAsync()
    {
        var response = await _http.PostAsync("/outage/end", null).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return long.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Polls until at least <paramref name="count"/> events arrived, nothing arrived for <paramref name="stall"/>,
    /// or <paramref name="limit"/> passed. Returns the last snapshot either way.
    /// </summary>
    public async Task<ReceiverStats> WaitForEventsAsync(long count, TimeSpan stall, TimeSpan limit, Action? onPoll = null)
    {
        var total = Stopwatch.StartNew();
        var quiet = Stopwatch.StartNew();
        var stats = await StatsAsync().ConfigureAwait(false);
        long seen = stats.Events;
        while (stats.Events < count && quiet.Elapsed < stall && total.Elapsed < limit)
        {
            await Task.Delay(PollInterval).ConfigureAwait(false);
            onPoll?.Invoke();
            stats = await StatsAsync().ConfigureAwait(false);
            if (stats.Events != seen)
            {
                seen = stats.Events;
                quiet.Restart();
            }
        }
        return stats;
    }

    public void Dispose() => _http.Dispose();
}
