namespace LogFlux.Sinks.Core.Tests.Security;

/// <summary>A plain http:// custom endpoint is accepted only for loopback or with AllowInsecureTransport.</summary>
public class InsecureEndpointTests
{
    private const string ApiKey = "eu-lf_insecure_0123456789";

    [TestCase("http://logs.example.com")]
    [TestCase("http://10.0.0.5:8080/ingest")]
    public void A_non_loopback_http_endpoint_is_refused_with_a_clear_message(string url)
    {
        var options = new LogFluxOptions { ApiKey = ApiKey, CustomEndpointUrl = url, KeyPersistence = false };
        var error = Assert.Throws<LogFluxConfigurationException>(() => new LogFluxClient(options))!;
        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Does.Contain("http://"));
            Assert.That(error.Message, Does.Contain("AllowInsecureTransport"));
            Assert.That(error.Message, Does.Contain("https://"));
            Assert.That(error.Message, Does.Not.Contain(ApiKey));
        });
    }

    [TestCase("http://logs.example.com", true)]
    [TestCase("http://127.0.0.1:9", false)]
    [TestCase("http://localhost:9", false)]
    [TestCase("http://[::1]:9", false)]
    [TestCase("https://logs.example.com", false)]
    public async Task Loopback_https_or_an_explicit_opt_in_is_accepted(string url, bool allowInsecure)
    {
        var options = new LogFluxOptions
        {
            ApiKey = ApiKey, CustomEndpointUrl = url, KeyPersistence = false, AllowInsecureTransport = allowInsecure,
            ShutdownTimeout = TimeSpan.FromMilliseconds(200),
        };
        Assert.That(options.GetValidationProblems(), Is.Empty);
        await using var client = new LogFluxClient(options);
        Assert.That(client.IsClosed, Is.False);
    }
}
