using System.Text.Json;
using LogFlux.Sinks.Core.Tests.Support;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Core.Tests.Protocol;

public class TraceHeaderTests
{
    private static IEnumerable<TestCaseData> VectorCases() =>
        Vectors.Cases("trace_header_parsing").Select(c => new TestCaseData(c).SetArgDisplayNames("'" + c.Text("header") + "'"));

    [TestCaseSource(nameof(VectorCases))]
    public void TryParse_MatchesVector(JsonElement vector)
    {
        bool ok = TraceHeader.TryParse(vector.Text("header"), out var trace);

        Assert.That(ok, Is.EqualTo(vector.GetProperty("valid").GetBoolean()));
        if (ok)
        {
            Assert.That(trace.TraceId, Is.EqualTo(vector.Text("trace_id")));
            Assert.That(trace.ParentSpanId, Is.EqualTo(vector.Text("parent_span_id")));
            Assert.That(trace.Sampled, Is.EqualTo(vector.GetProperty("sampled").GetBoolean()));
        }
    }

    [TestCase(null)]
    [TestCase("   ")]
    [TestCase("nodash")]
    [TestCase("4bf92f3577b34da6a3ce929d0e0e4736")]
    public void TryParse_Rejects(string? header)
    {
        Assert.That(TraceHeader.TryParse(header, out _), Is.False);
    }

    [Test]
    public void TryParse_ZeroFlagFollowedByExtraSegments_IsNotSampled()
    {
        Assert.That(TraceHeader.TryParse("4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0-x", out var trace), Is.True);
        Assert.That(trace.Sampled, Is.False);
    }

    [Test]
    public void Format_WritesTheSamplingFlag()
    {
        Assert.That(TraceHeader.Format("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true),
            Is.EqualTo("4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1"));
        Assert.That(TraceHeader.Format("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", false),
            Is.EqualTo("4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0"));
    }

    [Test]
    public void Format_ThenParse_RoundTrips()
    {
        string header = TraceHeader.Format("0123456789abcdef0123456789abcdef", "fedcba9876543210", false);
        Assert.That(TraceHeader.TryParse(header, out var trace), Is.True);
        Assert.That(trace, Is.EqualTo(new IncomingTrace("0123456789abcdef0123456789abcdef", "fedcba9876543210", false)));
    }

    [TestCase("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", true)]
    [TestCase("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00", false)]
    [TestCase("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03", true)]
    [TestCase("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-02", false)]
    [TestCase(" 00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01 ", true)]
    [TestCase("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-future", true)]
    public void TryParseTraceParent_Accepts(string header, bool sampled)
    {
        Assert.That(TraceHeader.TryParseTraceParent(header, out var trace), Is.True);
        Assert.That(trace.TraceId, Is.EqualTo("4bf92f3577b34da6a3ce929d0e0e4736"));
        Assert.That(trace.ParentSpanId, Is.EqualTo("00f067aa0ba902b7"));
        Assert.That(trace.Sampled, Is.EqualTo(sampled));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("00-00000000000000000000000000000000-00f067aa0ba902b7-01")]
    [TestCase("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")]
    [TestCase("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")]
    [TestCase("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra")]
    [TestCase("00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01")]
    [TestCase("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g")]
    [TestCase("00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01")]
    [TestCase("4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1")]
    public void TryParseTraceParent_Rejects(string? header)
    {
        Assert.That(TraceHeader.TryParseTraceParent(header, out _), Is.False);
    }

    [TestCase("4bf92f3577b34da6a3ce929d0e0e4736", true)]
    [TestCase("4BF92F3577B34DA6A3CE929D0E0E4736", true)]
    [TestCase("4bf92f3577b34da6a3ce929d0e0e473", false)]
    [TestCase("4bf92f3577b34da6a3ce929d0e0e473z", false)]
    [TestCase(null, false)]
    public void IsValidTraceId(string? id, bool valid) => Assert.That(TraceHeader.IsValidTraceId(id), Is.EqualTo(valid));

    [TestCase("00f067aa0ba902b7", true)]
    [TestCase("00f067aa0ba902b", false)]
    [TestCase("00f067aa0ba902b70", false)]
    [TestCase("00f067aa0ba9-2b7", false)]
    [TestCase(null, false)]
    public void IsValidSpanId(string? id, bool valid) => Assert.That(TraceHeader.IsValidSpanId(id), Is.EqualTo(valid));
}
