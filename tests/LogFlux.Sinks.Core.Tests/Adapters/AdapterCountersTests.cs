using LogFlux.Sinks.Adapters;

namespace LogFlux.Sinks.Core.Tests.Adapters;

public class AdapterCountersTests
{
    [Test]
    public void NoClientDropsCountsEveryDropAndAsksForOneReportUntilRearmed()
    {
        var drops = new NoClientDrops();

        var reports = Enumerable.Range(0, 5).Count(_ => drops.Add());
        Assert.That((drops.Count, reports), Is.EqualTo((5L, 1)));

        drops.Rearm();
        Assert.That(drops.Add(), Is.True);
        Assert.That(drops.Add(), Is.False);
        Assert.That(drops.Count, Is.EqualTo(7));
    }

    [Test]
    public void AClaimedReportIsNotRepeatedByTheNextDrop()
    {
        var drops = new NoClientDrops();

        Assert.That(drops.ClaimReport(), Is.True);
        Assert.That(drops.Add(), Is.False);
        Assert.That(drops.ClaimReport(), Is.False);
    }

    [Test]
    public void NoClientDropsCountsConcurrentDropsExactlyAndReportsOnce()
    {
        var drops = new NoClientDrops();
        var reports = 0;

        Parallel.For(0, 10_000, _ => { if (drops.Add()) Interlocked.Increment(ref reports); });

        Assert.That((drops.Count, reports), Is.EqualTo((10_000L, 1)));
    }

    [Test]
    public void DiagnosticOnceFilterLetsEachInstanceThroughOnce()
    {
        var filter = new DiagnosticOnceFilter();
        var first = new LogFluxDiagnostic(LogFluxDiagnosticLevel.Warning, "same text");
        var second = new LogFluxDiagnostic(LogFluxDiagnosticLevel.Warning, "same text");

        Assert.That(filter.TryClaim(first), Is.True);
        Assert.That(filter.TryClaim(first), Is.False);
        Assert.That(filter.TryClaim(second), Is.True, "a new diagnostic with the same text is a new event");
        Assert.That(filter.TryClaim(null), Is.False);
        Assert.That(new DiagnosticOnceFilter().TryClaim(first), Is.True, "each channel has its own filter");
    }
}
