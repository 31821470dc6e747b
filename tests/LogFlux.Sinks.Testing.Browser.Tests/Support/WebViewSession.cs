namespace LogFlux.Sinks.Testing.Browser.Tests.Support;

/// <summary>A receiver with its web view and a real client pointed at it, for one test.</summary>
internal sealed class WebViewSession : IAsyncDisposable
{
    private WebViewSession(LogFluxTestServer server, LogFluxClient client)
    {
        Server = server;
        Client = client;
    }

    public LogFluxTestServer Server { get; }

    public LogFluxClient Client { get; }

    public static async Task<WebViewSession> StartAsync(int webViewCapacity = 5000)
    {
        var server = await LogFluxTestServer.StartAsync(new LogFluxTestServerOptions { EnableWebView = true, WebViewCapacity = webViewCapacity });
        var client = new LogFluxClient(new LogFluxOptions
        {
            ApiKey = "eu-lf_browsertests01",
            CustomEndpointUrl = server.BaseUrl,
            KeyPersistence = false,
            Source = "checkout-api",
            FlushInterval = TimeSpan.FromMilliseconds(50),
            ShutdownTimeout = TimeSpan.FromSeconds(5),
        });
        return new WebViewSession(server, client);
    }

    /// <summary>Sends what the client queued and waits until the receiver holds <paramref name="total"/> entries.</summary>
    public async Task DeliverAsync(int total)
    {
        Assert.That(await Client.FlushAsync(TimeSpan.FromSeconds(20)), Is.True, "the client could not deliver its entries");
        await Server.WaitForEntriesAsync(total, TimeSpan.FromSeconds(20));
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
    }
}
