using System.Text.Json;
using LogFlux.Sinks.Core.Tests.Support;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Core.Tests.Protocol;

public class EndpointTests
{
    [TestCase("https://ingest.example.test/", "https://ingest.example.test")]
    [TestCase("https://ingest.example.test///", "https://ingest.example.test")]
    [TestCase("http://localhost:5080", "http://localhost:5080")]
    [TestCase("  https://h.example/base/  ", "https://h.example/base")]
    public void NormalizeBaseUrl_StripsTrailingSlashes(string input, string expected)
    {
        Assert.That(Endpoint.NormalizeBaseUrl(input), Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("not a url")]
    [TestCase("/relative/path")]
    [TestCase("ftp://files.example.test")]
    [TestCase("https://h.example/?q=1")]
    [TestCase("https://h.example/#frag")]
    public void NormalizeBaseUrl_RejectsNonHttpOrRelative(string input)
    {
        var ex = Assert.Throws<LogFluxConfigurationException>(() => Endpoint.NormalizeBaseUrl(input));
        Assert.That(ex!.Message, Does.Contain("CustomEndpointUrl"));
    }

    [Test]
    public void NormalizeBaseUrl_ErrorHidesCredentials()
    {
        var ex = Assert.Throws<LogFluxConfigurationException>(() => Endpoint.NormalizeBaseUrl("https://user:hunter2@h.example/?x=1"));
        Assert.That(ex!.Message, Does.Not.Contain("hunter2"));
    }

    private static IEnumerable<TestCaseData> KeyFileCases() =>
        Vectors.Cases("key_file_names").Select(c => new TestCaseData(c).SetArgDisplayNames(c.Text("endpoint_id")));

    [TestCaseSource(nameof(KeyFileCases))]
    public void EndpointId_MatchesKeyFileVectors(JsonElement vector)
    {
        string? custom = vector.GetProperty("custom_endpoint_url").GetString();
        ApiKey.Validate(vector.Text("api_key"), out var region);
        Assert.That(Endpoint.EndpointId(custom, region, null), Is.EqualTo(vector.Text("endpoint_id")));
    }

    [TestCase("HTTPS://Ingest.Example.Test:443/Path/", "https://ingest.example.test/Path")]
    [TestCase("http://localhost:80", "http://localhost")]
    [TestCase("http://127.0.0.1:5080/", "http://127.0.0.1:5080")]
    [TestCase("https://h.example:8443/a/b//", "https://h.example:8443/a/b")]
    public void EndpointId_NormalisesCustomUrls(string url, string expected)
    {
        Assert.That(Endpoint.EndpointId(url, "eu", null), Is.EqualTo(expected));
    }

    [Test]
    public void EndpointId_UnparsableCustomUrl_IsUsedTrimmed()
    {
        Assert.That(Endpoint.EndpointId(" not a url/ ", "eu", null), Is.EqualTo("not a url"));
    }

    [Test]
    public void EndpointId_ZoneReplacesRegion()
    {
        Assert.That(Endpoint.EndpointId(null, "eu", "us"), Is.EqualTo("discovery:us"));
        Assert.That(Endpoint.EndpointId("", "eu", ""), Is.EqualTo("discovery:eu"));
    }

    [TestCase("http://localhost:1234", true)]
    [TestCase("http://127.0.0.1", true)]
    [TestCase("http://127.5.6.7", true)]
    [TestCase("http://[::1]:80", true)]
    [TestCase("http://api.localhost", true)]
    [TestCase("http://example.com", false)]
    [TestCase("http://10.0.0.1", false)]
    public void IsLoopback(string url, bool expected)
    {
        Assert.That(Endpoint.IsLoopback(new Uri(url)), Is.EqualTo(expected));
    }
}
