using LogFlux.Sinks.Pipeline;

namespace LogFlux.Sinks.Core.Tests.Pipeline;

public class FlushTrackerTests
{
    private static PendingEntry Numbered(FlushTracker tracker)
    {
        var entry = new PendingEntry(LogFluxEntryType.Log, LogFluxLevel.Info, DateTimeOffset.UnixEpoch, new byte[1]);
        entry.Sequence = tracker.NextSequence();
        return entry;
    }

    [Test]
    public void Nothing_open_means_no_waiter()
    {
        var tracker = new FlushTracker();
        Assert.That(tracker.Register(), Is.Null);
        tracker.Settled(Numbered(tracker));
        Assert.That(tracker.Register(), Is.Null);
    }

    [Test]
    public void A_waiter_completes_when_everything_up_to_its_mark_settles_in_any_order()
    {
        var tracker = new FlushTracker();
        var e1 = Numbered(tracker);
        var e2 = Numbered(tracker);
        var e3 = Numbered(tracker);
        var waiter = tracker.Register()!;
        var later = Numbered(tracker);

        tracker.Settled(new List<PendingEntry> { e3, later });
        Assert.That(waiter.Signal.Task.IsCompleted, Is.False);
        tracker.Settled(e1);
        Assert.That(waiter.Signal.Task.IsCompleted, Is.False);
        Assert.That(tracker.HasWaiters, Is.True);
        tracker.Settled(e2);
        Assert.That(waiter.Signal.Task.IsCompleted, Is.True);
        Assert.That(tracker.HasWaiters, Is.False);
    }

    [Test]
    public void Entries_settled_before_registration_are_not_waited_for()
    {
        var tracker = new FlushTracker();
        var e1 = Numbered(tracker);
        var e2 = Numbered(tracker);
        tracker.Settled(e2);
        var waiter = tracker.Register()!;
        Assert.That(waiter.Open, Is.EqualTo(1));
        tracker.Settled(e1);
        Assert.That(waiter.Signal.Task.IsCompleted, Is.True);
    }
}
