using LogFlux.Sinks.Testing;
using LogFlux.Sinks.Transport;
using static LogFlux.Sinks.Core.Tests.Transport.TransportTestKit;

namespace LogFlux.Sinks.Core.Tests.Transport;

/// <summary>Discovery through local stubs; the handshake then runs against the real receiver the stub points to.</summary>
[TestFixture]
public class EndpointDiscoveryTests
{
    private static LogFluxOptions DiscoveryOptions() => new() { ApiKey = ApiKey, KeyPersistence = false, HttpTimeout = TimeSpan.FromSeconds(10) };

    private static Func<string, DiscoveryUrls> Urls(StubHttpServer stub, string fallback, List<string>? regions = null) => region =>
    {
        regions?.Add(region);
        return new DiscoveryUrls(stub.BaseUrl + "/static", [stub.BaseUrl + "/auth1", stub.BaseUrl + "/auth2"], fallback);
    };

    private static string Static(string url) => "{\"version\":\"1.0\",\"region\":\"eu\",\"endpoints\":{\"backend_url\":\"https://b\",\"ingestor_url\":\"" + url + "\"}}";

    [Test]
    public async Task Static_discovery_is_used_without_authorization()
    {
        await using var server = await StartServerAsync();
        await using var stub = StubHttpServer.Start(r => r.Path == "/static" ? new StubResponse(200, Static(server.BaseUrl + "/")) : new StubResponse(500));
        var regions = new List<string>();
        await using var transport = Create(DiscoveryOptions(), discovery: Urls(stub, "https://unused.invalid", regions));

        var key = await Within(transport.GetSessionAsync(CancellationToken.None));

        Assert.That(key.BaseUrl, Is.EqualTo(server.BaseUrl));
        Assert.That(regions, Is.EqualTo(new[] { "eu" }));
        var request = stub.Requests.Single();
        Assert.That(request.Method, Is.EqualTo("GET"));
        Assert.That(request.Headers.ContainsKey("Authorization"), Is.False);
        Assert.That(request.Headers["Accept"], Is.EqualTo("application/json"));
        Assert.That(request.Headers["User-Agent"], Is.EqualTo(UserAgent.Value));
    }

    [Test]
    public async Task The_zone_replaces_the_region_for_discovery()
    {
        await using var server = await StartServerAsync();
        await using var stub = StubHttpServer.Start(_ => new StubResponse(200, Static(server.BaseUrl)));
        var regions = new List<string>();
        var options = DiscoveryOptions();
        options.Zone = "us";
        await using var transport = Create(options, discovery: Urls(stub, "https://unused.invalid", regions));

        await Within(transport.GetSessionAsync(CancellationToken.None));

        Assert.That(regions, Is.EqualTo(new[] { "us" }));
    }

    [Test]
    public async Task Authenticated_discovery_follows_a_failed_static_discovery_with_the_bearer_key()
    {
        await using var server = await StartServerAsync();
        await using var stub = StubHttpServer.Start(r => r.Path switch
        {
            "/static" => new StubResponse(404, "not here"),
            "/auth1" => new StubResponse(200, "{\"data_residency\":\"eu\",\"ingestor_url\":\"" + server.BaseUrl + "\",\"features\":[\"multipart\"]}"),
            _ => new StubResponse(500),
        });
        await using var transport = Create(DiscoveryOptions(), discovery: Urls(stub, "https://unused.invalid"));

        var key = await Within(transport.GetSessionAsync(CancellationToken.None));

        Assert.That(key.BaseUrl, Is.EqualTo(server.BaseUrl));
        Assert.That(stub.Requests.Single(r => r.Path == "/auth1").Headers["Authorization"], Is.EqualTo("Bearer " + ApiKey));
    }

    [Test]
    public async Task The_legacy_wrapped_shape_is_accepted_and_an_empty_base_url_is_a_failure()
    {
        await using var server = await StartServerAsync();
        await using var stub = StubHttpServer.Start(r => r.Path switch
        {
            "/static" => new StubResponse(200, "{\"endpoints\":{\"ingestor_url\":\"\"}}"),
            "/auth1" => new StubResponse(200, "{\"status\":\"success\",\"data\":{\"base_url\":\"\",\"region\":\"eu\"}}"),
            "/auth2" => new StubResponse(200, "{\"status\":\"success\",\"data\":{\"base_url\":\"" + server.BaseUrl + "\",\"region\":\"eu\",\"capabilities\":[]},\"message\":\"\"}"),
            _ => new StubResponse(500),
        });
        await using var transport = Create(DiscoveryOptions(), discovery: Urls(stub, "https://unused.invalid"));

        var key = await Within(transport.GetSessionAsync(CancellationToken.None));

        Assert.That(key.BaseUrl, Is.EqualTo(server.BaseUrl));
        Assert.That(stub.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/static", "/auth1", "/auth2" }));
    }

    [Test]
    public async Task An_oversized_discovery_document_is_a_failure_not_a_truncated_parse()
    {
        await using var server = await StartServerAsync();
        var padded = "{\"endpoints\":{\"ingestor_url\":\"https://evil.example\"},\"pad\":\"" + new string('p', 70 * 1024) + "\"}";
        await using var stub = StubHttpServer.Start(r => r.Path == "/static"
            ? new StubResponse(200, padded)
            : new StubResponse(200, "{\"ingestor_url\":\"" + server.BaseUrl + "\"}"));
        await using var transport = Create(DiscoveryOptions(), discovery: Urls(stub, "https://unused.invalid"));

        var key = await Within(transport.GetSessionAsync(CancellationToken.None));

        Assert.That(key.BaseUrl, Is.EqualTo(server.BaseUrl));
    }

    [Test]
    public async Task When_every_discovery_url_fails_the_last_resort_template_is_used_and_reported()
    {
        await using var server = await StartServerAsync();
        await using var stub = StubHttpServer.Start(r => r.Path == "/static" ? new StubResponse(200, "{not json") : new StubResponse(503, "down"));
        var log = new DiagnosticLog();
        await using var transport = Create(DiscoveryOptions(), log, discovery: Urls(stub, server.BaseUrl));

        var key = await Within(transport.GetSessionAsync(CancellationToken.None));

        Assert.That(key.BaseUrl, Is.EqualTo(server.BaseUrl));
        var warning = log.Messages.Single(m => m.Message.StartsWith("All discovery URLs failed:", StringComparison.Ordinal));
        Assert.That(warning.Level, Is.EqualTo(LogFluxDiagnosticLevel.Warning));
        Assert.That(warning.Message, Does.Contain("HTTP 503"));
        Assert.That(warning.Message, Does.Contain("last-resort"));
    }

    [Test]
    public async Task A_discovered_plain_http_url_that_is_not_loopback_is_refused()
    {
        await using var server = await StartServerAsync();
        await using var stub = StubHttpServer.Start(r => r.Path == "/static"
            ? new StubResponse(200, Static("http://ingest.example.com"))
            : new StubResponse(200, "{\"ingestor_url\":\"" + server.BaseUrl + "\"}"));
        await using var transport = Create(DiscoveryOptions(), discovery: Urls(stub, "https://unused.invalid"));

        var key = await Within(transport.GetSessionAsync(CancellationToken.None));

        Assert.That(key.BaseUrl, Is.EqualTo(server.BaseUrl));
    }

    [Test]
    public void The_production_discovery_urls_follow_the_protocol()
    {
        var urls = DiscoveryUrls.ForRegion("ap");

        Assert.That(urls.StaticUrl, Is.EqualTo("https://discover.ap.logflux.io"));
        Assert.That(urls.AuthenticatedUrls, Is.EqualTo(new[]
        {
            "https://api.logflux.io/api/discovery", "https://eu.api.logflux.io/api/discovery", "https://us.api.logflux.io/api/discovery",
        }));
        Assert.That(urls.FallbackBaseUrl, Is.EqualTo("https://api.ingest.ap.logflux.io"));
    }
}
