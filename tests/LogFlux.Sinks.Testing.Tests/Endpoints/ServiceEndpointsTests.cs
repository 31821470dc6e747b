using System.Net;
using System.Text.Json;
using LogFlux.Sinks.Testing.Tests.Support;

namespace LogFlux.Sinks.Testing.Tests.Endpoints;

public class ServiceEndpointsTests
{
    [Test]
    public async Task Health_info_and_unknown_routes()
    {
        await using var server = await LogFluxTestServer.StartAsync();
        using var client = new TestClient(server);

        using var health = await client.Http.GetAsync("/health");
        using var info = await client.Http.GetAsync("/info");
        using var missing = await client.Http.GetAsync("/v1/batch");
        using var wrongMethod = await client.Http.GetAsync("/v1/ingest");

        using var infoJson = JsonDocument.Parse(await info.Content.ReadAsStringAsync());
        Assert.Multiple(() =>
        {
            Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(info.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(infoJson.RootElement.ValueKind, Is.EqualTo(JsonValueKind.Object));
            Assert.That(infoJson.RootElement.GetProperty("public_key_fingerprint").GetString(), Is.EqualTo(server.PublicKeyFingerprint));
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(wrongMethod.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
            Assert.That(server.Requests.Select(r => r.StatusCode), Is.EqualTo(new[] { 200, 200, 404, 405 }));
        });
    }
}
