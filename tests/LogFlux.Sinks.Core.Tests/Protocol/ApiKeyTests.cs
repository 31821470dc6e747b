using System.Text.Json;
using LogFlux.Sinks.Core.Tests.Support;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Core.Tests.Protocol;

public class ApiKeyTests
{
    private static IEnumerable<TestCaseData> VectorCases() =>
        Vectors.Cases("api_key_validation").Select(c => new TestCaseData(c).SetArgDisplayNames(c.Text("input")));

    [TestCaseSource(nameof(VectorCases))]
    public void TryValidate_MatchesVector(JsonElement vector)
    {
        string input = vector.Text("input");
        bool ok = ApiKey.TryValidate(input, out var normalized, out var region, out var error);

        Assert.That(ok, Is.EqualTo(vector.GetProperty("valid").GetBoolean()));
        if (ok)
        {
            Assert.That(region, Is.EqualTo(vector.Text("region")));
            Assert.That(normalized, Is.EqualTo(input));
            Assert.That(error, Is.Null);
        }
        else
        {
            Assert.That(error, Is.EqualTo(vector.Text("error")));
        }
    }

    [TestCaseSource(nameof(VectorCases))]
    public void Validate_ThrowsExactVectorMessage(JsonElement vector)
    {
        string input = vector.Text("input");
        if (vector.GetProperty("valid").GetBoolean())
        {
            Assert.That(ApiKey.Validate(input, out var region), Is.EqualTo(input));
            Assert.That(region, Is.EqualTo(vector.Text("region")));
        }
        else
        {
            var ex = Assert.Throws<LogFluxConfigurationException>(() => ApiKey.Validate(input, out _));
            Assert.That(ex!.Message, Is.EqualTo(vector.Text("error")));
        }
    }

    [TestCase("  eu-lf_abc123  ")]
    [TestCase("eu-lf_abc123\n")]
    [TestCase("\teu-lf_abc123\r\n")]
    public void Validate_TrimsSurroundingWhitespace(string input)
    {
        Assert.That(ApiKey.Validate(input, out var region), Is.EqualTo("eu-lf_abc123"));
        Assert.That(region, Is.EqualTo("eu"));
    }

    [TestCase(null)]
    [TestCase("   ")]
    public void Validate_NullOrBlank_IsRequired(string? input)
    {
        var ex = Assert.Throws<LogFluxConfigurationException>(() => ApiKey.Validate(input, out _));
        Assert.That(ex!.Message, Is.EqualTo("API key is required"));
    }

    [TestCase("eu-lf_0123456789abcdef9f3a", "eu-lf_****9f3a")]
    [TestCase("ap-lf_abc-def-ghi-jkl", "ap-lf_****-jkl")]
    [TestCase("eu-lf_ab", "****")]
    [TestCase("eu-lf_abcd", "eu-lf_****")]
    [TestCase("12345678", "****")]
    [TestCase("", "****")]
    [TestCase(null, "****")]
    [TestCase("secretsecretsecret", "****")]
    [TestCase("xx-lf_secretsecret", "****")]
    [TestCase("  eu-lf_0123456789abcdef9f3a\n", "eu-lf_****9f3a")]
    public void Mask_HidesTheBody(string? key, string expected)
    {
        Assert.That(ApiKey.Mask(key), Is.EqualTo(expected));
    }

    [Test]
    public void Mask_NeverContainsMostOfTheBody()
    {
        const string key = "us-lf_supersecretvalue1234";
        string masked = ApiKey.Mask(key);
        Assert.That(masked, Does.Not.Contain("supersecret"));
        Assert.That(masked, Does.StartWith("us-lf_****"));
    }
}
