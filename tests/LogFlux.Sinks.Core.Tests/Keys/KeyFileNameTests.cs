using LogFlux.Sinks.Core.Tests.Support;
using LogFlux.Sinks.Keys;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Core.Tests.Keys;

[TestFixture]
public class KeyFileNameTests
{
    public static IEnumerable<TestCaseData> NameVectors() =>
        Vectors.Cases("key_file_names").Select(c => new TestCaseData(
            c.Text("api_key"),
            c.GetProperty("custom_endpoint_url").GetString(),
            c.Text("endpoint_id"),
            c.Text("file_name")).SetArgDisplayNames(c.Text("endpoint_id")));

    [TestCaseSource(nameof(NameVectors))]
    public void File_names_match_the_vectors(string apiKey, string? customUrl, string endpointId, string fileName)
    {
        ApiKey.Validate(apiKey, out var region);

        Assert.That(Endpoint.EndpointId(customUrl, region, null), Is.EqualTo(endpointId));
        Assert.That(KeyFileName.FileName(apiKey, endpointId), Is.EqualTo(fileName));
        Assert.That(KeyFileName.Binding(apiKey, endpointId) + ".json", Is.EqualTo(fileName));
    }

    [Test]
    public void A_different_key_or_endpoint_gives_a_different_name()
    {
        var name = KeyFileName.FileName("eu-lf_a", "discovery:eu");

        Assert.That(KeyFileName.FileName("eu-lf_b", "discovery:eu"), Is.Not.EqualTo(name));
        Assert.That(KeyFileName.FileName("eu-lf_a", "discovery:us"), Is.Not.EqualTo(name));
        Assert.That(name, Does.Match("^[0-9a-f]{64}\\.json$"));
    }
}
