using System.Text;
using LogFlux.Sinks.Testing.Protocol;
using LogFlux.Sinks.Testing.Tests.Support;

namespace LogFlux.Sinks.Testing.Tests.Protocol;

public class MultipartBodyParserTests
{
    private const string B = "bnd";

    [Test]
    public void Parses_the_vector_body_into_its_parts()
    {
        var vector = Vectors.Multipart(0);
        var parts = MultipartBodyParser.Parse(Convert.FromBase64String(vector.S("body_b64")), vector.S("boundary"));
        var expected = vector.GetProperty("parts");
        Assert.That(parts, Has.Count.EqualTo(2));
        for (int i = 0; i < 2; i++)
        {
            Assert.That(parts[i].Number, Is.EqualTo(i + 1));
            Assert.That(parts[i].Body.ToArray(), Is.EqualTo(Convert.FromBase64String(expected[i].S("part_body_b64"))));
            var headerLines = expected[i].GetProperty("headers").EnumerateArray().Select(h => h.GetString()!).ToList();
            Assert.That(parts[i].Headers, Has.Count.EqualTo(headerLines.Count));
            foreach (string line in headerLines)
            {
                string name = line[..line.IndexOf(':')];
                Assert.That(parts[i].Header(name.ToUpperInvariant()), Is.EqualTo(line[(name.Length + 2)..]));
            }
        }
    }

    [Test]
    public void Accepts_a_minimal_two_part_body()
    {
        var parts = Parse("--bnd\r\nA: 1\r\n\r\nfirst\r\n--bnd\r\nA: 2\r\n\r\n\r\n--bnd--\r\n");
        Assert.That(parts.Select(p => Encoding.ASCII.GetString(p.Body)), Is.EqualTo(new[] { "first", string.Empty }));
        Assert.That(parts.Select(p => p.Header("a")), Is.EqualTo(new[] { "1", "2" }));
    }

    [TestCase("preamble\r\n--bnd\r\nA: 1\r\n\r\nx\r\n--bnd--\r\n", "no preamble")]
    [TestCase("--bnd--\r\n", "no parts")]
    [TestCase("--bnd \r\nA: 1\r\n\r\nx\r\n--bnd--\r\n", "first delimiter line must end with CRLF")]
    [TestCase("--bnd\r\nA: 1\r\n\r\nx\r\n--bnd--", "closing delimiter must be followed by CRLF")]
    [TestCase("--bnd\r\nA: 1\r\n\r\nx\r\n--bnd--\r\nepilogue", "no epilogue")]
    [TestCase("--bnd\r\nA: 1\r\n\r\nx\r\n--bnd--xx", "unexpected bytes after the closing delimiter")]
    [TestCase("--bnd\r\nA: 1\r\n\r\nx--bnd\r\nA: 2\r\n\r\ny\r\n--bnd--\r\n", "part 1: body contains \"--<boundary>\" without a preceding CRLF")]
    [TestCase("--bnd\r\nA: 1\r\n\r\nx--bnd--\r\n", "part 1: body contains \"--<boundary>\" without a preceding CRLF")]
    [TestCase("--bnd\r\nA: 1\r\n\r\nx", "part 1: no following delimiter")]
    [TestCase("--bnd\r\nA: 1\r\n\r\nx\r\n--bnd \r\nA: 2\r\n\r\ny\r\n--bnd--\r\n", "part 1: delimiter must be followed by CRLF or \"--\"")]
    [TestCase("--bnd\r\nA: 1\nB: 2\r\n\r\nx\r\n--bnd--\r\n", "part 1: header line not terminated by CRLF")]
    [TestCase("--bnd\r\nA: 1\r\n", "part 1: header block not terminated")]
    [TestCase("--bnd\r\nA 1\r\n\r\nx\r\n--bnd--\r\n", "part 1: malformed header line")]
    [TestCase("--bnd\r\nA: 1\r\na: 2\r\n\r\nx\r\n--bnd--\r\n", "part 1: duplicate header")]
    [TestCase("--bnd\r\nA: 1\r\n\r\nx\r\n--bnd\r\nA: 1\r\n\r\ny\r\n", "part 2: no following delimiter")]
    [TestCase("--bnd\r\nA: \u00e9\r\n\r\nx\r\n--bnd--\r\n", "part 1: header value is not printable ASCII")]
    public void Rejects_broken_framing_with_a_precise_reason(string body, string reason)
    {
        var ex = Assert.Throws<MultipartFormatException>(() => Parse(body));
        Assert.That(ex!.Message, Does.Contain(reason));
    }

    [Test]
    public void A_missing_CRLF_before_a_delimiter_is_refused_by_default_with_the_option_that_accepts_it()
    {
        var ex = Assert.Throws<MultipartFormatException>(() => Parse("--bnd\r\nA: 1\r\n\r\nx--bnd\r\nA: 2\r\n\r\ny\r\n--bnd--\r\n"));
        Assert.That(ex!.Message, Does.Contain("LogFluxTestServerOptions.AcceptMissingCrlfBeforeBoundary").And.Contain("JavaScript SDK"));
    }

    [Test]
    public void With_the_option_the_JavaScript_framing_splits_into_its_parts_and_is_counted()
    {
        byte[] body = Encoding.ASCII.GetBytes("--bnd\r\nA: 1\r\n\r\nfirst--bnd\r\nA: 2\r\n\r\nsecond--bnd\r\nA: 3\r\n\r\nthird\r\n--bnd--\r\n");
        var parts = MultipartBodyParser.Parse(body, B, acceptMissingCrlf: true, out int missing);
        Assert.That(parts.Select(p => Encoding.ASCII.GetString(p.Body)), Is.EqualTo(new[] { "first", "second", "third" }));
        Assert.That(missing, Is.EqualTo(2));
    }

    [Test]
    public void With_the_option_a_standard_body_is_parsed_the_same_and_counts_nothing()
    {
        var vector = Vectors.Multipart(0);
        byte[] body = Convert.FromBase64String(vector.S("body_b64"));
        var lenient = MultipartBodyParser.Parse(body, vector.S("boundary"), acceptMissingCrlf: true, out int missing);
        var strict = MultipartBodyParser.Parse(body, vector.S("boundary"));
        Assert.That(lenient.Select(p => p.Body.ToArray()), Is.EqualTo(strict.Select(p => p.Body.ToArray())));
        Assert.That(missing, Is.Zero);
    }

    private static IReadOnlyList<MultipartPart> Parse(string body) => MultipartBodyParser.Parse(Encoding.Latin1.GetBytes(body), B);
}
