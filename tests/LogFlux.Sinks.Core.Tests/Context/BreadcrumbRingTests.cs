using LogFlux.Sinks.Context;

namespace LogFlux.Sinks.Core.Tests.Context;

public class BreadcrumbRingTests
{
    private static Breadcrumb Crumb(int i) => new(DateTimeOffset.UnixEpoch.AddSeconds(i), "test", $"m{i}");

    [Test]
    public void Snapshot_is_oldest_first_before_the_ring_fills()
    {
        var ring = new BreadcrumbRing(5);
        for (var i = 0; i < 3; i++) ring.Add(Crumb(i));
        Assert.That(ring.Snapshot().Select(b => b.Message), Is.EqualTo(new[] { "m0", "m1", "m2" }));
    }

    [Test]
    public void A_full_ring_overwrites_the_oldest_and_keeps_order()
    {
        var ring = new BreadcrumbRing(3);
        for (var i = 0; i < 8; i++) ring.Add(Crumb(i));
        Assert.That(ring.Snapshot().Select(b => b.Message), Is.EqualTo(new[] { "m5", "m6", "m7" }));
        Assert.That(ring.Count, Is.EqualTo(3));
    }

    [Test]
    public void Clear_empties_the_ring()
    {
        var ring = new BreadcrumbRing(3);
        ring.Add(Crumb(1));
        ring.Clear();
        ring.Add(Crumb(2));
        Assert.That(ring.Snapshot().Select(b => b.Message), Is.EqualTo(new[] { "m2" }));
    }

    [TestCase(0)]
    [TestCase(-5)]
    public void A_capacity_of_zero_or_less_means_100(int capacity)
    {
        Assert.That(new BreadcrumbRing(capacity).Capacity, Is.EqualTo(100));
    }

    [Test]
    public void Concurrent_adds_never_exceed_the_capacity()
    {
        var ring = new BreadcrumbRing(50);
        Parallel.For(0, 2000, i => ring.Add(Crumb(i)));
        Assert.That(ring.Snapshot(), Has.Count.EqualTo(50).And.All.Not.Null);
    }
}
