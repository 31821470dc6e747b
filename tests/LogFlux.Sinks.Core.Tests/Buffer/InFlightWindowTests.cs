using LogFlux.Sinks.Buffer;

namespace LogFlux.Sinks.Core.Tests.Buffer;

[TestFixture]
public class InFlightWindowTests
{
    [Test]
    public void The_prefix_only_advances_once_every_earlier_ticket_is_acknowledged()
    {
        var window = new InFlightWindow();
        var a = window.Add(1, 100, acknowledged: false);
        var b = window.Add(1, 200, acknowledged: false);
        var c = window.Add(1, 300, acknowledged: false);

        Assert.That(window.Acknowledge(c), Is.True);
        Assert.That(window.TakeAcknowledgedPrefix(), Is.Null);
        Assert.That(window.Acknowledge(a), Is.True);
        Assert.That(window.TakeAcknowledgedPrefix(), Is.EqualTo(new BufferCheckpoint(1, 100)));
        Assert.That(window.Acknowledge(b), Is.True);
        Assert.That(window.TakeAcknowledgedPrefix(), Is.EqualTo(new BufferCheckpoint(1, 300)));
        Assert.That(window.Outstanding, Is.Zero);
    }

    [Test]
    public void Unknown_and_repeated_tickets_are_rejected()
    {
        var window = new InFlightWindow();
        var a = window.Add(2, 50, acknowledged: false);

        Assert.That(window.Acknowledge(a), Is.True);
        Assert.That(window.Acknowledge(a), Is.False);
        Assert.That(window.Acknowledge(a + 1), Is.False);
        Assert.That(window.Acknowledge(0), Is.False);
        window.TakeAcknowledgedPrefix();
        Assert.That(window.Acknowledge(a), Is.False, "a ticket behind the window");
    }

    [Test]
    public void Pre_acknowledged_markers_wait_for_their_predecessors_and_tickets_stay_valid_across_compaction()
    {
        var window = new InFlightWindow();
        var tickets = new List<long>();
        for (var i = 0; i < 3000; i++) tickets.Add(window.Add(1, i + 1, acknowledged: false));
        window.Add(1, 5000, acknowledged: true);
        for (var i = 0; i < 2500; i++) window.Acknowledge(tickets[i]);
        Assert.That(window.TakeAcknowledgedPrefix(), Is.EqualTo(new BufferCheckpoint(1, 2500)));

        var next = window.Add(2, 10, acknowledged: false);
        for (var i = 2500; i < 3000; i++) Assert.That(window.Acknowledge(tickets[i]), Is.True);
        Assert.That(window.TakeAcknowledgedPrefix(), Is.EqualTo(new BufferCheckpoint(1, 5000)));
        Assert.That(window.Acknowledge(next), Is.True);
        Assert.That(window.TakeAcknowledgedPrefix(), Is.EqualTo(new BufferCheckpoint(2, 10)));
    }
}
