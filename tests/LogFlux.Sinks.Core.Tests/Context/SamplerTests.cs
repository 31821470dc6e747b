using LogFlux.Sinks.Context;

namespace LogFlux.Sinks.Core.Tests.Context;

public class SamplerTests
{
    [Test]
    public void Audit_is_never_sampled_out()
    {
        var sampler = new Sampler(0.0, () => 0.0);
        Assert.That(sampler.ShouldSample(LogFluxEntryType.Audit), Is.True);
        Assert.That(sampler.ShouldSample(LogFluxEntryType.Log), Is.False);
    }

    [Test]
    public void An_entry_is_kept_when_the_draw_is_below_the_rate()
    {
        var draws = new Queue<double>(new[] { 0.29, 0.3, 0.31 });
        var sampler = new Sampler(0.3, () => draws.Dequeue());
        Assert.That(new[] { sampler.ShouldSample(LogFluxEntryType.Log), sampler.ShouldSample(LogFluxEntryType.Metric), sampler.ShouldSample(LogFluxEntryType.Event) },
            Is.EqualTo(new[] { true, false, false }));
    }

    [TestCase(1.5, true)]
    [TestCase(-1.0, false)]
    [TestCase(double.NaN, true)]
    public void The_rate_is_clamped(double rate, bool kept)
    {
        Assert.That(new Sampler(rate, () => 0.999).ShouldSample(LogFluxEntryType.Log), Is.EqualTo(kept));
    }

    [Test]
    public void A_trace_gets_one_decision_and_about_rate_of_traces_are_kept()
    {
        var sampler = new Sampler(0.5, () => throw new AssertionException("traces must not draw"));
        var kept = 0;
        var inconsistent = 0;
        const int traces = 4000;
        for (var i = 0; i < traces; i++)
        {
            var traceId = TraceIds.NewTraceId();
            var first = sampler.ShouldSampleTrace(traceId);
            for (var j = 0; j < 5; j++)
            {
                if (sampler.ShouldSampleTrace(traceId) != first) inconsistent++;
            }
            if (first) kept++;
        }
        Assert.That(inconsistent, Is.Zero);
        Assert.That(kept, Is.InRange(traces * 0.4, traces * 0.6));
    }
}
