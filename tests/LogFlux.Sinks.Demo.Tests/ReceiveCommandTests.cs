using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace LogFlux.Sinks.Demo.Tests;

/// <summary>The demo's <c>receive</c> command, run as a user runs it, with entries sent through the real client.</summary>
public sealed class ReceiveCommandTests
{
    [Test]
    [CancelAfter(90_000)]
    public async Task Receive_prints_every_field_on_its_own_line_and_every_refused_request_as_it_happens()
    {
        await using var receiver = await ReceiverProcess.StartAsync("--web");
        string webLine = await receiver.StdoutLineAsync(l => l.StartsWith("Web view", StringComparison.Ordinal));
        using var http = new HttpClient();
        using (var page = await http.GetAsync(ReceiverProcess.UrlIn(webLine)))
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the printed web view URL opens the page");
        }

        using (var refused = await PostAsync(http, receiver.BaseUrl, "--b\r\nA: 1\r\n\r\nx--b\r\nA: 2\r\n\r\ny\r\n--b--\r\n"))
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        }

        Assert.That(await receiver.StdoutLineAsync(l => l.StartsWith("REFUSED", StringComparison.Ordinal)), Is.EqualTo("REFUSED request #1 POST /v1/ingest -> 400"));
        Assert.That(await receiver.NextStdoutLineAsync(), Does.Contain("without a preceding CRLF").And.Contain("--accept-missing-crlf"));

        await using (var client = Client(receiver.BaseUrl))
        {
            client.Warn("payment retry", new Dictionary<string, string> { ["note"] = "line one\nline two" });
            Assert.That(await client.FlushAsync(TimeSpan.FromSeconds(20)), Is.True);
        }

        string headline = await receiver.StdoutLineAsync(l => l.Contains("log/warning", StringComparison.Ordinal));
        Assert.That(headline, Does.Match(@"^\d\d:\d\d:\d\d\.\d{3} log/warning \[receive-test\] payment retry$"));
        Assert.That(await receiver.NextStdoutLineAsync(), Is.EqualTo(@"    attributes: note=line one\nline two"));
        Assert.That(await receiver.NextStdoutLineAsync(), Is.EqualTo("    meta: environment=test"));
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task Receive_json_prints_one_decrypted_entry_per_line()
    {
        await using var receiver = await ReceiverProcess.StartAsync("--json");
        await using (var client = Client(receiver.BaseUrl))
        {
            client.Info("order placed\nsecond line");
            client.Counter("orders.placed", 1);
            Assert.That(await client.FlushAsync(TimeSpan.FromSeconds(20)), Is.True);
        }

        var lines = new[] { await receiver.NextStdoutLineAsync(), await receiver.NextStdoutLineAsync() };
        var documents = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.That(documents.Select(d => d.GetProperty("type").GetString()), Is.EquivalentTo(new[] { "log", "metric" }));
        Assert.That(documents.Single(d => d.GetProperty("type").GetString() == "log").GetProperty("message").GetString(), Is.EqualTo("order placed\nsecond line"));
    }

    private static LogFluxClient Client(string baseUrl) => new(new LogFluxOptions
    {
        ApiKey = "eu-lf_receivetest01",
        CustomEndpointUrl = baseUrl,
        KeyPersistence = false,
        Source = "receive-test",
        Environment = "test",
        FlushInterval = TimeSpan.FromMilliseconds(50),
    });

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string baseUrl, string body)
    {
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/mixed; boundary=b");
        var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/v1/ingest") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "eu-lf_receivetest01");
        return http.SendAsync(request);
    }
}
