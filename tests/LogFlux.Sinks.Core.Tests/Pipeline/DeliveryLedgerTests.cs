using LogFlux.Sinks.Pipeline;
using LogFlux.Sinks.Transport;

namespace LogFlux.Sinks.Core.Tests.Pipeline;

/// <summary>
/// Every accepted entry ends in exactly one outcome: delivered, dropped for one reason, or delivery unknown when a
/// response was lost before the batch gave up. An entry the server may have stored is never counted as dropped.
/// </summary>
public class DeliveryLedgerTests
{
    private static readonly IngestResult Lost = ScriptedTransport.Status(0, error: "connection reset");

    private static Func<SendCall, Task<IngestResult>> Script(params IngestResult[] results) =>
        call => Task.FromResult(call.Index <= results.Length ? results[call.Index - 1] : ScriptedTransport.Status(202));

    /// <summary>Advances the fake clock past each backoff delay until <paramref name="calls"/> requests were made.</summary>
    private static async Task RunRetries(PipelineHarness h, int calls)
    {
        for (var call = 1; call < calls; call++)
        {
            await h.Transport.WaitForCallsAsync(call);
            var due = await h.Clock.WaitForTimerAsync(_ => true, h.Transport.Calls[call - 1].TimersBefore);
            h.Clock.Advance(due);
        }
    }

    [Test]
    public async Task A_lost_response_then_server_errors_until_the_retries_run_out_is_delivery_unknown_not_a_drop()
    {
        // The false drop seen under 503/429/abort faults: the aborted request had been stored, the retries after it failed.
        await using var h = new PipelineHarness(o => o.MaxRetries = 2, jitter: 0);
        h.Transport.Respond = Script(Lost, ScriptedTransport.Status(503), ScriptedTransport.Status(503));
        h.Enqueue(4);
        var flush = h.StartFlush();
        await RunRetries(h, 3);

        Assert.That(await PipelineHarness.Within(flush), Is.True);
        var stats = h.Pipeline.GetStats();
        Assert.That(h.Transport.Calls, Has.Count.EqualTo(3));
        Assert.That(stats.EntriesDropped, Is.Zero, () => string.Join(", ", stats.DropReasons));
        Assert.That(stats.EntriesDeliveryUnknown, Is.EqualTo(4));
        Assert.That(stats.EntriesSent, Is.Zero);
        Assert.That(stats.EntriesResentAfterAmbiguousFailure, Is.EqualTo(4), "the attempt after the lost response may duplicate");
        PipelineHarness.AssertBalanced(stats);
        Assert.That(h.Messages.Select(m => m.Message), Has.Some.Contains("counted as delivery unknown"));
    }

    [TestCase(400)]
    [TestCase(507)]
    public async Task A_refusal_after_a_lost_response_is_delivery_unknown(int refusal)
    {
        await using var h = new PipelineHarness(jitter: 0);
        h.Transport.Respond = Script(Lost, ScriptedTransport.Status(refusal));
        h.Enqueue(3);
        var flush = h.StartFlush();
        await RunRetries(h, 2);

        Assert.That(await PipelineHarness.Within(flush), Is.True);
        var stats = h.Pipeline.GetStats();
        Assert.That(stats.EntriesDroppedAfterQueued, Is.Zero);
        Assert.That(stats.EntriesDeliveryUnknown, Is.EqualTo(3));
        PipelineHarness.AssertBalanced(stats);
    }

    [Test]
    public async Task Halves_of_a_batch_split_after_a_lost_response_keep_its_uncertainty()
    {
        await using var h = new PipelineHarness(jitter: 0);
        h.Transport.Respond = Script(Lost, ScriptedTransport.Status(413), ScriptedTransport.Status(400), ScriptedTransport.Status(400));
        h.Enqueue(4);
        var flush = h.StartFlush();
        await RunRetries(h, 2);

        Assert.That(await PipelineHarness.Within(flush), Is.True);
        var stats = h.Pipeline.GetStats();
        Assert.That(h.Transport.Calls.Skip(2).Select(c => c.Sequences.Length), Is.EqualTo(new[] { 2, 2 }));
        Assert.That(stats.EntriesDeliveryUnknown, Is.EqualTo(4));
        Assert.That(stats.EntriesDroppedAfterQueued, Is.Zero);
        PipelineHarness.AssertBalanced(stats);
    }

    [Test]
    public async Task A_refused_connection_never_reached_the_server_so_its_entries_are_dropped()
    {
        await using var h = new PipelineHarness(o => o.MaxRetries = 1, jitter: 0);
        h.Transport.Respond = Script(ScriptedTransport.Refused(), ScriptedTransport.Refused());
        h.Enqueue(2);
        var flush = h.StartFlush();
        await RunRetries(h, 2);

        Assert.That(await PipelineHarness.Within(flush), Is.True);
        var stats = h.Pipeline.GetStats();
        Assert.That(stats.DropReasons, Is.EquivalentTo(new Dictionary<string, long> { [DropReasons.NetworkError] = 2 }));
        Assert.That(stats.EntriesDeliveryUnknown, Is.Zero);
        Assert.That(stats.EntriesResentAfterAmbiguousFailure, Is.Zero);
        PipelineHarness.AssertBalanced(stats);
    }

    [Test]
    public async Task A_lost_response_followed_by_success_counts_the_entries_once_as_delivered()
    {
        await using var h = new PipelineHarness(jitter: 0);
        h.Transport.Respond = Script(Lost);
        h.Enqueue(3);
        var flush = h.StartFlush();
        await RunRetries(h, 2);

        Assert.That(await PipelineHarness.Within(flush), Is.True);
        var stats = h.Pipeline.GetStats();
        Assert.That(stats.EntriesSent, Is.EqualTo(3));
        Assert.That(stats.EntriesDeliveryUnknown, Is.Zero);
        Assert.That(stats.EntriesDropped, Is.Zero);
        PipelineHarness.AssertBalanced(stats);
    }

    [TestCase(503)]
    [TestCase(0)]
    public async Task While_a_batch_waits_to_retry_after_a_service_failure_no_other_batch_starts(int failure)
    {
        await using var h = new PipelineHarness(o =>
        {
            o.WorkerCount = 2;
            o.BatchSize = 2;
        }, jitter: 0);
        h.Transport.Respond = Script(failure == 0 ? Lost : ScriptedTransport.Status(failure));
        var parked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Pipeline.Probe.SenderWaiting = () => parked.TrySetResult();
        var first = h.Enqueue(2).Select(e => e.Sequence).ToArray();
        var flush = h.StartFlush();
        await h.Transport.WaitForCallsAsync(1);
        var backoff = await h.Clock.WaitForTimerAsync(_ => true, h.Transport.Calls[0].TimersBefore);

        var second = h.Enqueue(2).Select(e => e.Sequence).ToArray();
        var laterFlush = h.StartFlush();
        await PipelineHarness.Within(parked.Task);
        Assert.That(h.Transport.Calls, Has.Count.EqualTo(1), "the other sender waits for the probing batch");

        h.Clock.Advance(backoff);
        Assert.That(await PipelineHarness.Within(laterFlush), Is.True);
        Assert.That(await PipelineHarness.Within(flush), Is.True);
        var calls = h.Transport.Calls;
        Assert.That(calls, Has.Count.EqualTo(3));
        Assert.That(calls[1].Sequences, Is.EqualTo(first), "the retry is the next request");
        Assert.That(calls[2].Sequences, Is.EqualTo(second), "new batches resume once the probe succeeded");
        Assert.That(h.Pipeline.Probe.IsHeld, Is.False);
        PipelineHarness.AssertBalanced(h.Pipeline.GetStats());
    }

    [Test]
    public async Task A_500_may_be_the_batch_own_fault_and_does_not_hold_other_batches()
    {
        await using var h = new PipelineHarness(o =>
        {
            o.WorkerCount = 2;
            o.BatchSize = 2;
        }, jitter: 0);
        h.Transport.Respond = Script(ScriptedTransport.Status(500));
        h.Enqueue(2);
        var flush = h.StartFlush();
        await h.Transport.WaitForCallsAsync(1);
        var backoff = await h.Clock.WaitForTimerAsync(_ => true, h.Transport.Calls[0].TimersBefore);

        h.Enqueue(2);
        await h.Transport.WaitForCallsAsync(2);
        Assert.That(h.Pipeline.Probe.IsHeld, Is.False);
        h.Clock.Advance(backoff);
        Assert.That(await PipelineHarness.Within(flush), Is.True);
        Assert.That(h.Pipeline.GetStats().EntriesSent, Is.EqualTo(4));
    }

    [Test]
    public async Task A_full_queue_names_the_bound_it_reached_and_the_option_that_raises_it()
    {
        var never = new TaskCompletionSource();
        void Stall(ScriptedTransport t) => t.BeforeSession = (_, ct) => never.Task.WaitAsync(ct);
        await using var byCount = new PipelineHarness(o => o.QueueSize = 2, arrange: Stall);
        byCount.Enqueue(2);
        Assert.That(byCount.Pipeline.TryEnqueue(byCount.Entry()), Is.False);
        Assert.That(byCount.Messages.Select(m => m.Message), Has.Some.Contains("full by count").And.Some.Contains("Raise QueueSize"));

        await using var byBytes = new PipelineHarness(o =>
        {
            o.QueueSize = 1000;
            o.QueueMaxBytes = 1024;
        }, arrange: Stall);
        var accepted = 0;
        while (byBytes.Pipeline.TryEnqueue(byBytes.Entry(jsonBytes: 200))) accepted++;
        Assert.That(accepted, Is.GreaterThan(0).And.LessThan(1000));
        Assert.That(byBytes.Messages.Select(m => m.Message), Has.Some.Contains("full by bytes").And.Some.Contains("Raise QueueMaxBytes"));
        Assert.That(byBytes.Pipeline.GetStats().DropReasons[DropReasons.QueueOverflow], Is.EqualTo(1));
    }

    [Test]
    public async Task A_queue_size_that_cannot_fit_the_byte_bound_is_reported_once_at_start()
    {
        await using var unreachable = new PipelineHarness(o =>
        {
            o.QueueSize = 1_021_000;
            o.QueueMaxBytes = 32L * 1024 * 1024;
        });
        var warnings = unreachable.Messages.Where(m => m.Message.Contains("cannot be reached")).ToList();
        Assert.That(warnings, Has.Count.EqualTo(1));
        Assert.That(warnings[0].Message, Does.Contain("QueueSize = 1021000").And.Contain("Raise QueueMaxBytes"));

        await using var reachable = new PipelineHarness(o => o.QueueSize = 10_000);
        Assert.That(reachable.Messages.Select(m => m.Message), Has.None.Contains("cannot be reached"));
    }
}
