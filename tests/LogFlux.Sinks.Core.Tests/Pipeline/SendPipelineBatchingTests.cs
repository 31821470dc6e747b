using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Core.Tests.Pipeline;

public class SendPipelineBatchingTests
{
    [Test]
    public async Task Full_batches_go_at_once_and_a_partial_batch_after_the_flush_interval()
    {
        await using var h = new PipelineHarness(o =>
        {
            o.BatchSize = 3;
            o.FlushInterval = TimeSpan.FromSeconds(5);
        });
        h.Enqueue(7);

        await h.Transport.WaitForCallsAsync(2);
        await h.Clock.WaitForTimerAsync(due => due == TimeSpan.FromSeconds(5), h.Transport.Calls[1].TimersBefore);
        Assert.That(h.Transport.Calls.Select(c => c.Sequences.Length), Is.EqualTo(new[] { 3, 3 }));

        h.Clock.Advance(TimeSpan.FromSeconds(4.9));
        Assert.That(h.Transport.Calls, Has.Count.EqualTo(2));
        h.Clock.Advance(TimeSpan.FromSeconds(0.1));
        await h.Transport.WaitForCallsAsync(3);
        Assert.That(h.Transport.Calls[2].Sequences, Is.EqualTo(new long[] { 7 }));
        Assert.That(h.Transport.Calls[2].Time - h.Transport.Calls[0].Time, Is.EqualTo(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public async Task Flush_sends_a_partial_batch_at_once()
    {
        await using var h = new PipelineHarness(o => o.BatchSize = 50);
        h.Enqueue(4);
        Assert.That(await PipelineHarness.Within(h.Pipeline.FlushAsync(TimeSpan.FromMinutes(1))), Is.True);
        Assert.That(h.Transport.Calls, Has.Count.EqualTo(1));
        Assert.That(h.Transport.Calls[0].Sequences, Is.EqualTo(new long[] { 1, 2, 3, 4 }));
        var stats = h.Pipeline.GetStats();
        Assert.That(stats.EntriesSent, Is.EqualTo(4));
        Assert.That(stats.BytesSent, Is.EqualTo(32));
        Assert.That(stats.Requests, Is.EqualTo(1));
        Assert.That(stats.LastSendTime, Is.EqualTo(h.Now));
        PipelineHarness.AssertBalanced(stats);
    }

    [Test]
    public async Task A_batch_takes_higher_priority_entries_first()
    {
        var gate = new TaskCompletionSource();
        await using var h = new PipelineHarness(o => o.BatchSize = 50, arrange: t => t.BeforeSession = (_, ct) => gate.Task.WaitAsync(ct));
        var info = h.Enqueue(1)[0];
        var warn = h.Enqueue(1, level: LogFluxLevel.Warning)[0];
        var audit = h.Enqueue(1, LogFluxEntryType.Audit, LogFluxLevel.Notice)[0];
        var debug = h.Enqueue(1, level: LogFluxLevel.Debug)[0];
        var error = h.Enqueue(1, level: LogFluxLevel.Error)[0];

        gate.SetResult();
        Assert.That(await PipelineHarness.Within(h.StartFlush()), Is.True);
        Assert.That(h.Transport.Calls[0].Sequences, Is.EqualTo(new[] { audit.Sequence, error.Sequence, warn.Sequence, info.Sequence, debug.Sequence }));
    }

    [Test]
    public async Task The_server_max_batch_size_caps_the_batch()
    {
        await using var h = new PipelineHarness(o => o.BatchSize = 100, limits: new ServerLimits(MaxBatchSize: 2, 0, 0));
        h.Enqueue(5);
        Assert.That(await PipelineHarness.Within(h.StartFlush()), Is.True);
        Assert.That(h.Transport.Calls.Select(c => c.Sequences.Length), Is.EqualTo(new[] { 2, 2, 1 }));
    }

    [Test]
    public async Task The_server_max_request_size_splits_batches_by_estimate()
    {
        // Each entry: 100 estimated bytes + 320 part overhead; 1000 - 64 leaves room for two.
        await using var h = new PipelineHarness(o => o.BatchSize = 100, limits: new ServerLimits(0, 0, MaxRequestSize: 1000));
        h.Enqueue(5);
        Assert.That(await PipelineHarness.Within(h.StartFlush()), Is.True);
        Assert.That(h.Transport.Calls.Select(c => c.Sequences.Length), Is.EqualTo(new[] { 2, 2, 1 }));
    }

    [Test]
    public async Task Entries_the_encoder_defers_go_in_the_next_request()
    {
        await using var h = new PipelineHarness(o => o.BatchSize = 100);
        h.Encoder.MaxIncluded = _ => 2;
        h.Enqueue(5);
        Assert.That(await PipelineHarness.Within(h.StartFlush()), Is.True);
        Assert.That(h.Transport.Calls.Select(c => c.Sequences), Is.EqualTo(new[] { new long[] { 1, 2 }, new long[] { 3, 4 }, new long[] { 5 } }));
        PipelineHarness.AssertBalanced(h.Pipeline.GetStats());
    }

    [Test]
    public async Task Entries_the_encoder_rejects_are_dropped_as_validation_errors()
    {
        await using var h = new PipelineHarness(o => o.BatchSize = 100);
        h.Encoder.Reject = e => e.Sequence % 2 == 0 ? "too large" : null;
        h.Enqueue(5);
        Assert.That(await PipelineHarness.Within(h.StartFlush()), Is.True);
        Assert.That(h.Transport.AllSentSequences, Is.EqualTo(new long[] { 1, 3, 5 }));
        var stats = h.Pipeline.GetStats();
        Assert.That(stats.DropReasons[DropReasons.ValidationError], Is.EqualTo(2));
        Assert.That(stats.EntriesSent, Is.EqualTo(3));
        PipelineHarness.AssertBalanced(stats);
    }

    [Test]
    public async Task Senders_do_not_inherit_the_creators_async_context()
    {
        var local = new AsyncLocal<string?> { Value = "creator scope" };
        using var activity = new System.Diagnostics.Activity("creator").Start();
        string? seenLocal = "unset";
        System.Diagnostics.Activity? seenActivity = activity;
        await using var h = new PipelineHarness();
        h.Transport.Respond = _ =>
        {
            seenLocal = local.Value;
            seenActivity = System.Diagnostics.Activity.Current;
            return Task.FromResult(ScriptedTransport.Status(202));
        };
        h.Enqueue(1);
        Assert.That(await PipelineHarness.Within(h.StartFlush()), Is.True);
        Assert.That(seenLocal, Is.Null);
        Assert.That(seenActivity, Is.Null);
    }
}
