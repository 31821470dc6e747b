using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using LogFlux.Sinks.Testing.Tests.Support;

namespace LogFlux.Sinks.Testing.Tests.WebView;

/// <summary>The web view's HTTP side: token, page and assets, live stream, NDJSON export, ring bound.</summary>
public class WebViewEndpointTests
{
    private const string KeyId = "web-key";
    private static readonly byte[] Key = Enumerable.Range(40, 32).Select(i => (byte)i).ToArray();

    private LogFluxTestServer _server = null!;
    private TestClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await LogFluxTestServer.StartAsync(new LogFluxTestServerOptions { EnableWebView = true, WebViewCapacity = 4 });
        _client = new TestClient(_server);
        _server.RegisterKey(KeyId, Key);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Test]
    public async Task The_page_needs_the_printed_token()
    {
        string url = _server.WebViewUrl!;
        Assert.That(url, Does.Match(@"^http://127\.0\.0\.1:\d+/ui/\?t=[0-9a-f]{32}$"));

        using var withToken = await _client.Http.GetAsync(url);
        using var without = await _client.Http.GetAsync("/ui/");
        using var wrong = await _client.Http.GetAsync("/ui/?t=00000000000000000000000000000000");
        using var streamWithout = await _client.Http.GetAsync("/ui/api/export");

        Assert.That(withToken.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await withToken.Content.ReadAsStringAsync(), Does.Contain("<script src=\"/ui/app.js\"></script>").And.Contain("<link rel=\"stylesheet\" href=\"/ui/app.css\">"));
        Assert.That(withToken.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("default-src 'self'"));
        Assert.That(without.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(streamWithout.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [TestCase("/ui/common.js", "text/javascript")]
    [TestCase("/ui/entries.js", "text/javascript")]
    [TestCase("/ui/traces.js", "text/javascript")]
    [TestCase("/ui/metrics.js", "text/javascript")]
    [TestCase("/ui/app.js", "text/javascript")]
    [TestCase("/ui/app.css", "text/css")]
    public async Task Assets_are_served_from_the_assembly(string path, string mediaType)
    {
        using var response = await _client.Http.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo(mediaType));
        // The only absolute URL allowed is the SVG namespace name (an identifier, never fetched).
        var urls = Regex.Matches(await response.Content.ReadAsStringAsync(), @"https?://[^\s""'`)]+").Select(m => m.Value).Distinct();
        Assert.That(urls, Is.SubsetOf(new[] { "http://www.w3.org/2000/svg" }), "no external resources");
    }

    [Test]
    public async Task Web_view_requests_are_not_recorded_as_protocol_requests()
    {
        int before = _server.Requests.Count;
        using var _ = await _client.Http.GetAsync("/ui/app.css");
        Assert.That(_server.Requests.Count, Is.EqualTo(before));
    }

    [Test]
    public async Task The_stream_replays_the_ring_then_sends_new_entries_live_and_the_export_holds_the_last_N()
    {
        for (int i = 1; i <= 3; i++)
        {
            using var response = await _client.IngestAsync(new TestMultipart().AddEncrypted(1, Payloads.Log("message " + i), KeyId, Key));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        string token = _server.WebViewUrl![(_server.WebViewUrl!.IndexOf("?t=", StringComparison.Ordinal) + 3)..];
        using var stream = await _client.Http.GetAsync("/ui/api/stream?t=" + token, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.That(stream.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/event-stream"));
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(timeout.Token));

        // Capacity 4: of 3 requests + 3 entries the ring keeps the last 4 items.
        var replayed = await ReadItemsAsync(reader, 4, timeout.Token);
        Assert.That(replayed.Where(i => i.GetProperty("kind").GetString() == "entry").Select(i => i.GetProperty("payload").GetProperty("message").GetString()),
            Is.EqualTo(new[] { "message 2", "message 3" }));

        using (var response = await _client.IngestAsync(new TestMultipart().AddEncrypted(4, Payloads.Event, KeyId, Key)))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        }

        var live = await ReadItemsAsync(reader, 2, timeout.Token);
        Assert.That(live[0].GetProperty("kind").GetString(), Is.EqualTo("request"));
        Assert.That(live[1].GetProperty("payload").GetProperty("event").GetString(), Is.EqualTo("user.signup"));

        string export = await _client.Http.GetStringAsync("/ui/api/export?t=" + token, timeout.Token);
        var lines = export.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(2), "the ring now holds request 4, event, request... only entries are exported");
        Assert.That(lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("type").GetString()), Is.EqualTo(new[] { "log", "event" }));
    }

    [Test]
    public async Task Clear_empties_the_export()
    {
        using (var response = await _client.IngestAsync(new TestMultipart().AddEncrypted(1, Payloads.Log(), KeyId, Key)))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        }

        string exportUrl = "/ui/api/export?t=" + _server.WebViewUrl![(_server.WebViewUrl!.IndexOf("?t=", StringComparison.Ordinal) + 3)..];
        Assert.That(await _client.Http.GetStringAsync(exportUrl), Is.Not.Empty);
        _server.Clear();
        Assert.That(await _client.Http.GetStringAsync(exportUrl), Is.Empty);
    }

    private static async Task<List<JsonElement>> ReadItemsAsync(StreamReader reader, int count, CancellationToken ct)
    {
        var items = new List<JsonElement>();
        string? eventName = null;
        while (items.Count < count)
        {
            string line = await reader.ReadLineAsync(ct) ?? throw new EndOfStreamException("the stream ended early");
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                eventName = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && eventName == "item")
            {
                items.Add(JsonDocument.Parse(line[6..]).RootElement.Clone());
            }
        }

        return items;
    }
}
