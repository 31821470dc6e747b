using System.Collections.Concurrent;

namespace LogFlux.Sinks.Core.Tests.Transport;

/// <summary>
/// An endpoint URL that points at an ordinary web server (here one that answers every POST like
/// <c>python3 -m http.server</c>: 501 and an HTML page) is reported in one clear line, the page is never pasted into
/// diagnostics, and the client does not keep hammering it.
/// </summary>
public sealed class NotALogFluxEndpointTests
{
    private const string HtmlErrorPage = """
        <!DOCTYPE HTML>
        <html lang="en">
            <head>
                <meta charset="utf-8">
                <title>Error response</title>
            </head>
            <body>
                <h1>Error response</h1>
                <p>Error code: 501</p>
                <p>Message: Unsupported method ('POST').</p>
            </body>
        </html>
        """;

    [TestCase(501, HtmlErrorPage)]
    [TestCase(404, "Not Found")]
    [TestCase(200, HtmlErrorPage)]
    public async Task A_web_server_is_named_as_not_a_LogFlux_endpoint_in_one_line_and_not_retried_soon(int status, string body)
    {
        await using var server = StubHttpServer.Start(_ => new StubResponse(status, body, new Dictionary<string, string> { ["Content-Type"] = "text/html" }));
        var diagnostics = new ConcurrentQueue<LogFluxDiagnostic>();
        var reported = new TaskCompletionSource<LogFluxDiagnostic>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client = new LogFluxClient(new LogFluxOptions
        {
            ApiKey = "eu-lf_test" + Guid.NewGuid().ToString("N"),
            CustomEndpointUrl = server.BaseUrl,
            KeyPersistence = false,
            ShutdownTimeout = TimeSpan.FromMilliseconds(200),
            DiagnosticListener = d =>
            {
                diagnostics.Enqueue(d);
                if (d.Level >= LogFluxDiagnosticLevel.Warning && d.Message.Contains("not a LogFlux endpoint", StringComparison.Ordinal)) reported.TrySetResult(d);
            },
        });

        client.Info("goes nowhere");
        var line = await reported.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.That(line.Level, Is.EqualTo(LogFluxDiagnosticLevel.Error));
        Assert.That(line.Message, Does.Contain(server.BaseUrl).And.Contain($"HTTP {status}").And.Contain("CustomEndpointUrl").And.Contain("next attempt in 300 s"));
        Assert.That(line.Message, Does.Not.Contain("\n"));
        Assert.That(diagnostics.Select(d => d.Message), Has.None.Contains("<").And.None.Contains("Error response"), "the page is not pasted");
        Assert.That(diagnostics.Count(d => d.Level >= LogFluxDiagnosticLevel.Warning && d.Message.Contains("Handshake", StringComparison.Ordinal)), Is.Zero,
            "the failure is said once, by the not-a-LogFlux-endpoint line");
        Assert.That(server.Requests.Count(r => r.Path.EndsWith("/handshake/init", StringComparison.Ordinal)), Is.EqualTo(1), "no second attempt within minutes");
    }
}
