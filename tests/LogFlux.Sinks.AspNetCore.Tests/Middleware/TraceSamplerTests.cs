using LogFlux.Sinks.AspNetCore.Middleware;

namespace LogFlux.Sinks.AspNetCore.Tests.Middleware;

public sealed class TraceSamplerTests
{
    [TestCase(1.0, 0.999, true)]
    [TestCase(0.0, 0.0, false)]
    [TestCase(0.25, 0.2, true)]
    [TestCase(0.25, 0.3, false)]
    [TestCase(double.NaN, 0.999, true)]
    [TestCase(7.0, 0.999, true)]
    [TestCase(-1.0, 0.0, false)]
    public void A_new_trace_is_kept_when_the_draw_is_below_the_rate(double rate, double draw, bool expected) =>
        Assert.That(new TraceSampler(rate, () => draw).ShouldSample(), Is.EqualTo(expected));
}
