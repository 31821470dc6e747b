using LogFlux.Sinks.Transport;

namespace LogFlux.Sinks.Core.Tests.Pipeline;

public class SendPipelineFlushCloseTests
{
    /// <summary>A transport whose ingest requests never answer and ignore cancellation.</summary>
    private static void NeverAnswer(PipelineHarness h) => h.Transport.Respond = _ => new TaskCompletionSource<IngestResult>().Task;

    [Test]
    public async Task Flush_with_nothing_queued_returns_true_at_once()
    {
        await using var h = new PipelineHarness();
        Assert.That(await PipelineHarness.Within(h.Pipeline.FlushAsync(TimeSpan.FromSeconds(1))), Is.True);
    }

    [Test]
    public async Task Flush_waits_for_a_batch_in_flight()
    {
        await using var h = new PipelineHarness();
        var answer = new TaskCompletionSource<IngestResult>();
        h.Transport.Respond = _ => answer.Task;
        h.Enqueue(3);
        var flush = h.Pipeline.FlushAsync(TimeSpan.FromMinutes(1));
        await h.Transport.WaitForCallsAsync(1);

        var stats = h.Pipeline.GetStats();
        Assert.That(stats.QueueDepth, Is.Zero);
        Assert.That(stats.InFlight, Is.EqualTo(3));
        Assert.That(flush.IsCompleted, Is.False);

        answer.SetResult(ScriptedTransport.Status(200));
        Assert.That(await PipelineHarness.Within(flush), Is.True);
        Assert.That(h.Pipeline.GetStats().InFlight, Is.Zero);
    }

    [Test]
    public async Task Flush_does_not_wait_for_entries_added_after_the_call()
    {
        await using var h = new PipelineHarness();
        var first = new TaskCompletionSource<IngestResult>();
        h.Transport.Respond = call => call.Index == 1 ? first.Task : new TaskCompletionSource<IngestResult>().Task;
        h.Enqueue(1);
        var flush = h.Pipeline.FlushAsync(TimeSpan.FromMinutes(1));
        await h.Transport.WaitForCallsAsync(1);
        h.Enqueue(1);
        first.SetResult(ScriptedTransport.Status(202));
        Assert.That(await PipelineHarness.Within(flush), Is.True);
    }

    [Test]
    public async Task Flush_counts_dropped_entries_as_settled()
    {
        await using var h = new PipelineHarness();
        h.Transport.Respond = _ => Task.FromResult(ScriptedTransport.Status(400));
        h.Enqueue(2);
        Assert.That(await PipelineHarness.Within(h.Pipeline.FlushAsync(TimeSpan.FromMinutes(1))), Is.True);
        Assert.That(h.Pipeline.GetStats().EntriesDroppedAfterQueued, Is.EqualTo(2));
    }

    [Test]
    public async Task Flush_returns_false_at_its_deadline_against_a_server_that_never_answers()
    {
        await using var h = new PipelineHarness();
        NeverAnswer(h);
        h.Enqueue(2);
        var timers = h.Clock.TimerCount;
        var flush = h.Pipeline.FlushAsync(TimeSpan.FromSeconds(3));
        await h.Clock.WaitForTimerAsync(due => due == TimeSpan.FromSeconds(3), timers);
        await h.Transport.WaitForCallsAsync(1);
        h.Clock.Advance(TimeSpan.FromSeconds(3));
        Assert.That(await PipelineHarness.Within(flush), Is.False);
        Assert.That(h.Pipeline.GetStats().InFlight, Is.EqualTo(2));
    }

    [Test]
    public async Task Flush_returns_false_when_cancelled_and_never_throws()
    {
        await using var h = new PipelineHarness();
        NeverAnswer(h);
        h.Enqueue(1);
        using var cts = new CancellationTokenSource();
        var flush = h.Pipeline.FlushAsync(TimeSpan.FromMinutes(1), cts.Token);
        await h.Transport.WaitForCallsAsync(1);
        await cts.CancelAsync();
        Assert.That(await PipelineHarness.Within(flush), Is.False);
        Assert.That(await PipelineHarness.Within(h.Pipeline.FlushAsync(TimeSpan.Zero)), Is.False);
    }

    [Test]
    public async Task Close_sends_what_is_queued_and_returns_true()
    {
        await using var h = new PipelineHarness(o => o.BatchSize = 100);
        h.Enqueue(5);
        Assert.That(await PipelineHarness.Within(h.Pipeline.CloseAsync(TimeSpan.FromSeconds(10))), Is.True);
        var stats = h.Pipeline.GetStats();
        Assert.That(stats.EntriesSent, Is.EqualTo(5));
        Assert.That(stats.EntriesDropped, Is.Zero);
    }

    [Test]
    public async Task Close_returns_at_its_deadline_against_a_server_that_never_answers_and_counts_the_loss()
    {
        await using var h = new PipelineHarness(o => o.BatchSize = 2);
        NeverAnswer(h);
        h.Enqueue(5);
        await h.Transport.WaitForCallsAsync(1);
        var timers = h.Clock.TimerCount;
        var close = h.Pipeline.CloseAsync(TimeSpan.FromSeconds(5));
        await h.Clock.WaitForTimerAsync(due => due == TimeSpan.FromSeconds(5), timers);
        h.Clock.Advance(TimeSpan.FromSeconds(5));

        Assert.That(await PipelineHarness.Within(close), Is.False);
        var stats = h.Pipeline.GetStats();
        Assert.That(stats.DropReasons, Is.EquivalentTo(new Dictionary<string, long> { [DropReasons.Closed] = 3 }), "3 queued");
        Assert.That(stats.EntriesDeliveryUnknown, Is.EqualTo(2), "the 2 entries of the request cancelled in flight may have been stored");
        Assert.That(stats.QueueDepth, Is.Zero);
        Assert.That(stats.InFlight, Is.Zero);
        Assert.That(h.Transport.Calls[0].Token.IsCancellationRequested, Is.True, "the request in flight was cancelled");
        PipelineHarness.AssertBalanced(stats);
        var warnings = h.Messages.Where(m => m.Level == LogFluxDiagnosticLevel.Warning).Select(m => m.Message).ToList();
        Assert.That(warnings, Has.Some.Contains("3 entries were still queued"));
        Assert.That(warnings, Has.Some.Contains("closed=3"));
        Assert.That(warnings, Has.Some.Contains("2 entries ended with delivery unknown"));
    }

    [Test]
    public async Task Entries_held_back_by_a_rate_limit_at_close_are_dropped_as_ratelimit_backoff()
    {
        await using var h = new PipelineHarness();
        h.Transport.Respond = _ => Task.FromResult(ScriptedTransport.Status(429, TimeSpan.FromSeconds(120)));
        h.Enqueue(2);
        var flush = h.StartFlush();
        await h.Transport.WaitForCallsAsync(1);
        var close = h.Pipeline.CloseAsync(TimeSpan.FromSeconds(1));
        await h.Clock.WaitForTimerAsync(due => due == TimeSpan.FromSeconds(1), h.Transport.Calls[0].TimersBefore);
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(await PipelineHarness.Within(close), Is.False);
        Assert.That(h.Pipeline.GetStats().DropReasons[DropReasons.RateLimitBackoff], Is.EqualTo(2));
        Assert.That(await PipelineHarness.Within(flush), Is.True, "dropped entries are settled");
    }

    [Test]
    public async Task Close_is_idempotent_and_concurrent_calls_share_one_task()
    {
        await using var h = new PipelineHarness();
        h.Enqueue(2);
        var closes = Enumerable.Range(0, 4).Select(_ => Task.Run(() => Task.FromResult(h.Pipeline.CloseAsync(TimeSpan.FromSeconds(10))))).ToArray();
        var tasks = await PipelineHarness.Within(Task.WhenAll(closes));
        Assert.That(tasks.Distinct().Count(), Is.EqualTo(1));
        Assert.That(await PipelineHarness.Within(tasks[0]), Is.True);
        Assert.That(h.Pipeline.CloseAsync(TimeSpan.Zero), Is.SameAs(tasks[0]));
        await h.Pipeline.DisposeAsync();
        Assert.That(h.Pipeline.GetStats().EntriesSent, Is.EqualTo(2));
    }

    [Test]
    public async Task Close_stops_the_senders()
    {
        await using var h = new PipelineHarness();
        Assert.That(await PipelineHarness.Within(h.Pipeline.CloseAsync(TimeSpan.FromSeconds(1))), Is.True);
        var sessionRequests = h.Transport.SessionRequests;
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.That(h.Pipeline.TryEnqueue(h.Entry()), Is.False);
        Assert.That(h.Transport.SessionRequests, Is.EqualTo(sessionRequests));
        Assert.That(h.Transport.Calls, Is.Empty);
    }
}
