using LogFlux.Sinks.Testing.Protocol;
using LogFlux.Sinks.Testing.Tests.Support;

namespace LogFlux.Sinks.Testing.Tests.Protocol;

public class ApiKeyFormatTests
{
    [Test]
    public void Agrees_with_every_validation_vector()
    {
        var vectors = Vectors.Root.GetProperty("api_key_validation").EnumerateArray().ToList();
        Assert.That(vectors, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var vector in vectors)
            {
                string input = vector.S("input");
                Assert.That(ApiKeyFormat.IsValid(input), Is.EqualTo(vector.GetProperty("valid").GetBoolean()), input);
            }
        });
    }
}
