using LogFlux.Sinks.Transport;

namespace LogFlux.Sinks.Core.Tests.Pipeline;

public class SendPipelineQueueTests
{
    /// <summary>A harness whose senders never obtain a session, so everything stays queued.</summary>
    private static PipelineHarness Stalled(Action<LogFluxOptions> configure)
    {
        var never = new TaskCompletionSource();
        return new PipelineHarness(configure, arrange: t => t.BeforeSession = (_, ct) => never.Task.WaitAsync(ct));
    }

    [Test]
    public async Task Overflow_evicts_lower_priority_first_and_counts_every_drop()
    {
        await using var h = Stalled(o => o.QueueSize = 3);
        h.Enqueue(3, level: LogFluxLevel.Debug);

        Assert.That(h.Pipeline.TryEnqueue(h.Entry(level: LogFluxLevel.Info)), Is.False);
        Assert.That(h.Pipeline.TryEnqueue(h.Entry(LogFluxEntryType.Audit, LogFluxLevel.Notice)), Is.True);
        Assert.That(h.Pipeline.TryEnqueue(h.Entry(level: LogFluxLevel.Error)), Is.True);
        Assert.That(h.Pipeline.TryEnqueue(h.Entry(LogFluxEntryType.Metric)), Is.True);
        Assert.That(h.Pipeline.TryEnqueue(h.Entry(LogFluxEntryType.Event)), Is.False);

        var stats = h.Pipeline.GetStats();
        Assert.That(stats.EntriesQueued, Is.EqualTo(6));
        Assert.That(stats.QueueDepth, Is.EqualTo(3));
        Assert.That(stats.DropReasons[DropReasons.QueueOverflow], Is.EqualTo(5)); // 2 refused + 3 evicted
        Assert.That(stats.EntriesDroppedAfterQueued, Is.EqualTo(3));
        Assert.That(stats.EntriesDropped, Is.EqualTo(5));
        PipelineHarness.AssertBalanced(stats);
    }

    [Test]
    public async Task The_byte_bound_is_enforced()
    {
        await using var h = Stalled(o => o.QueueMaxBytes = 1000);
        var accepted = 0;
        for (var i = 0; i < 20; i++)
        {
            if (h.Pipeline.TryEnqueue(h.Entry(jsonBytes: 136))) accepted++; // 200 estimated bytes each
        }
        var stats = h.Pipeline.GetStats();
        Assert.That(accepted, Is.EqualTo(5));
        Assert.That(stats.QueueBytes, Is.EqualTo(1000));
        Assert.That(stats.QueueCapacityBytes, Is.EqualTo(1000));
        Assert.That(stats.DropReasons[DropReasons.QueueOverflow], Is.EqualTo(15));
    }

    [Test]
    public async Task Drops_are_reported_at_most_once_per_interval_and_never_silently()
    {
        await using var h = Stalled(o => o.QueueSize = 1);
        h.Enqueue(1);
        var warningsBefore = Warnings(h).Count;

        for (var i = 0; i < 4; i++) h.Pipeline.TryEnqueue(h.Entry());
        h.Pipeline.CountDrop(DropReasons.BeforeSend, 2);

        var warnings = Warnings(h);
        Assert.That(warnings.Count - warningsBefore, Is.EqualTo(1), "only the first drop is reported at once");
        Assert.That(warnings[^1], Does.Contain("queue_overflow=1"));

        h.Clock.Advance(TimeSpan.FromSeconds(10));
        warnings = Warnings(h);
        Assert.That(warnings.Count - warningsBefore, Is.EqualTo(2), "the timer reports the rest");
        Assert.That(warnings[^1], Does.Contain("Dropped 5 entries").And.Contain("before_send=2").And.Contain("queue_overflow=3"));

        h.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.That(Warnings(h).Count - warningsBefore, Is.EqualTo(2), "nothing new, nothing said");
    }

    [Test]
    public async Task Entries_after_close_are_refused_and_counted()
    {
        await using var h = new PipelineHarness();
        Assert.That(await PipelineHarness.Within(h.Pipeline.CloseAsync(TimeSpan.FromSeconds(1))), Is.True);
        Assert.That(h.Pipeline.IsClosed, Is.True);
        Assert.That(h.Pipeline.TryEnqueue(h.Entry()), Is.False);
        Assert.That(h.Pipeline.TryEnqueue(h.Entry(LogFluxEntryType.Audit)), Is.False);
        var stats = h.Pipeline.GetStats();
        Assert.That(stats.DropReasons[DropReasons.Closed], Is.EqualTo(2));
        Assert.That(stats.EntriesQueued, Is.Zero);
        Assert.That(stats.IsClosed, Is.True);
    }

    [Test]
    public async Task Drops_and_samples_decided_before_the_queue_are_counted_separately()
    {
        await using var h = new PipelineHarness();
        h.Pipeline.CountDrop(DropReasons.ValidationError);
        h.Pipeline.CountDrop(DropReasons.NoClient, 3);
        h.Pipeline.CountSampledOut(4);
        var stats = h.Pipeline.GetStats();
        Assert.That(stats.EntriesDropped, Is.EqualTo(4));
        Assert.That(stats.EntriesDroppedAfterQueued, Is.Zero);
        Assert.That(stats.DropReasons, Is.EquivalentTo(new Dictionary<string, long> { [DropReasons.ValidationError] = 1, [DropReasons.NoClient] = 3 }));
        Assert.That(stats.EntriesSampledOut, Is.EqualTo(4));
    }

    [Test]
    public async Task Enqueue_never_waits_for_the_handshake()
    {
        var gate = new TaskCompletionSource();
        await using var h = new PipelineHarness(o => o.BatchSize = 2, arrange: t => t.BeforeSession = (_, ct) => gate.Task.WaitAsync(ct));
        h.Enqueue(5);
        Assert.That(h.Pipeline.GetStats().QueueDepth, Is.EqualTo(5));
        Assert.That(h.Transport.Calls, Is.Empty);

        gate.SetResult();
        Assert.That(await PipelineHarness.Within(h.StartFlush()), Is.True);
        Assert.That(h.Transport.AllSentSequences, Is.EquivalentTo(new long[] { 1, 2, 3, 4, 5 }));
    }

    private static List<string> Warnings(PipelineHarness h) =>
        h.Messages.Where(m => m.Level == LogFluxDiagnosticLevel.Warning && m.Message.StartsWith("Dropped", StringComparison.Ordinal)).Select(m => m.Message).ToList();
}
