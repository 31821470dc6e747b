using LogFlux.Sinks.Transport;

namespace LogFlux.Sinks.Core.Tests.Pipeline;

/// <summary>How each ingest status is handled (docs/protocol.md#status-codes-and-retries, docs/protocol.md#rate-limits, docs/protocol.md#quota-blocks and docs/protocol.md#backoff).</summary>
public class SendPipelineResponseTests
{
    private static Func<SendCall, Task<IngestResult>> Script(params IngestResult[] results) =>
        call => Task.FromResult(call.Index <= results.Length ? results[call.Index - 1] : ScriptedTransport.Status(202));

    [Test]
    public async Task A_429_pauses_every_sender_for_retry_after_and_resends_without_using_a_retry()
    {
        await using var h = new PipelineHarness(o =>
        {
            o.WorkerCount = 2;
            o.BatchSize = 2;
        });
        h.Transport.Respond = Script(ScriptedTransport.Status(429, TimeSpan.FromSeconds(30), rateLimit: new RateLimitInfo(100, 0, 1_768_473_060)));
        h.Enqueue(2);
        var flush = h.StartFlush();
        await h.Transport.WaitForCallsAsync(1);
        var since = h.Transport.Calls[0].TimersBefore;
        h.Enqueue(2); // a full batch the other sender could take

        // Both senders wait out the pause: the one holding the batch and the idle one.
        await h.Clock.WaitForTimersAsync(2, due => due == TimeSpan.FromSeconds(30), since);
        Assert.That(h.Transport.Calls, Has.Count.EqualTo(1));
        var paused = h.Pipeline.GetStats();
        Assert.That(paused.RateLimitedUntil, Is.EqualTo(h.Now + TimeSpan.FromSeconds(30)));
        Assert.That(paused.RateLimitRemaining, Is.EqualTo(0));
        Assert.That(paused.RateLimitLimit, Is.EqualTo(100));
        Assert.That(paused.RateLimitReset, Is.EqualTo(1_768_473_060));
        Assert.That(paused.InFlight, Is.EqualTo(2));

        h.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.That(await PipelineHarness.Within(flush), Is.True);
        Assert.That(await PipelineHarness.Within(h.StartFlush()), Is.True);
        var calls = h.Transport.Calls;
        Assert.That(calls, Has.Count.EqualTo(3));
        Assert.That(calls[1].Sequences, Is.EqualTo(calls[0].Sequences), "the same batch is sent again");
        Assert.That(calls[1].Time - calls[0].Time, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(calls.Skip(1).All(c => c.Time >= calls[0].Time + TimeSpan.FromSeconds(30)), Is.True, "nobody sent during the pause");
        var stats = h.Pipeline.GetStats();
        Assert.That(stats.Retries, Is.Zero);
        Assert.That(stats.EntriesSent, Is.EqualTo(4));
        Assert.That(stats.RateLimitedUntil, Is.Null);
        Assert.That(stats.LastSendError, Does.Contain("429"));
    }

    [TestCase(null, 60_000)]
    [TestCase(1000, 600_000)]
    [TestCase(0, 100)]
    public async Task A_429_waits_60_s_without_retry_after_at_most_600_s_and_at_least_100_ms(int? retryAfterSeconds, int expectedMilliseconds)
    {
        var expected = TimeSpan.FromMilliseconds(expectedMilliseconds);
        await using var h = new PipelineHarness();
        h.Transport.Respond = Script(ScriptedTransport.Status(429, retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : null));
        h.Enqueue(1);
        var flush = h.StartFlush();
        await h.Transport.WaitForCallsAsync(1);
        await h.Clock.WaitForTimerAsync(due => due == expected, h.Transport.Calls[0].TimersBefore);
        h.Clock.Advance(expected);
        Assert.That(await PipelineHarness.Within(flush), Is.True);
        Assert.That(h.Transport.Calls[1].Time - h.Transport.Calls[0].Time, Is.EqualTo(expected));
    }

    [Test]
    public async Task A_401_renews_the_key_once_and_resends_re_encoded_under_the_new_key()
    {
        await using var h = new PipelineHarness();
        h.Transport.Respond = Script(ScriptedTransport.Status(401));
        h.Enqueue(3);
        Assert.That(await PipelineHarness.Within(h.StartFlush()), Is.True);

        var calls = h.Transport.Calls;
        Assert.That(calls, Has.Count.EqualTo(2));
        Assert.That(h.Transport.Renewals, Is.EqualTo(1));
        Assert.That(calls[0].Session.Generation, Is.EqualTo(1));
        Assert.That(calls[1].Session.Generation, Is.EqualTo(2));
        Assert.That(calls[1].Sequences, Is.EqualTo(calls[0].Sequences));
        Assert.That(h.Encoder.Sessions.Select(s => s.Generation), Is.EqualTo(new long[] { 1, 2 }), "encoded again under the new key");
        var stats = h.Pipeline.GetStats();
        Assert.That(stats.Retries, Is.Zero);
        Assert.That(stats.EntriesSent, Is.EqualTo(3));
        Assert.That(stats.Handshakes, Is.EqualTo(2));
    }

    [Test]
    public async Task A_second_401_right_after_a_fresh_key_drops_the_batch_and_backs_off_handshakes_for_60_s()
    {
        await using var h = new PipelineHarness();
        h.Transport.Respond = Script(ScriptedTransport.Status(403), ScriptedTransport.Status(403));
        h.Enqueue(2);
        Assert.That(await PipelineHarness.Within(h.StartFlush()), Is.True);
        var stats = h.Pipeline.GetStats();
        Assert.That(stats.DropReasons[DropReasons.SendError], Is.EqualTo(2));
        Assert.That(h.Transport.Renewals, Is.EqualTo(1));
        Assert.That(h.Messages.Any(m => m.Level == LogFluxDiagnosticLevel.Error && m.Message.Contains("refused a freshly negotiated key")), Is.True);

        // The next entry waits for the handshake backoff (60 s, plus jitter) before a new key is negotiated.
        h.Enqueue(1);
        var flush = h.StartFlush();
        var backoff = await h.Clock.WaitForTimerAsync(due => due >= TimeSpan.FromSeconds(60), h.Transport.Calls[1].TimersBefore);
        Assert.That(h.Transport.Renewals, Is.EqualTo(1));
        Assert.That(h.Transport.Calls, Has.Count.EqualTo(2));
        h.Clock.Advance(backoff);
        Assert.That(await PipelineHarness.Within(flush), Is.True);
        Assert.That(h.Transport.Renewals, Is.EqualTo(2));
        Assert.That(h.Transport.Calls[^1].Session.Generation, Is.EqualTo(3));
        Assert.That(h.Pipeline.GetStats().EntriesSent, Is.EqualTo(1));
    }

    [Test]
    public async Task A_failed_re_handshake_drops_the_batch_as_send_error()
    {
        await using var h = new PipelineHarness();
        h.Transport.Respond = Script(ScriptedTransport.Status(401));
        h.Transport.BeforeRenew = _ => throw new TransportException("handshake init failed with status 401", 401);
        h.Enqueue(2);
        Assert.That(await PipelineHarness.Within(h.StartFlush()), Is.True);
        Assert.That(h.Pipeline.GetStats().DropReasons[DropReasons.SendError], Is.EqualTo(2));
        Assert.That(h.Messages.Any(m => m.Level == LogFluxDiagnosticLevel.Error && m.Message.Contains("API key was refused")), Is.True);
    }

    [Test]
    public async Task A_413_splits_the_batch_in_halves_down_to_single_entries()
    {
        await using var h = new PipelineHarness(o => o.BatchSize = 4);
        h.Transport.Respond = call => Task.FromResult(
            call.Sequences.Length > 1 || call.Sequences[0] == 3 ? ScriptedTransport.Status(413) : ScriptedTransport.Status(202));
        h.Enqueue(4);
        Assert.That(await PipelineHarness.Within(h.StartFlush()), Is.True);

        Assert.That(h.Transport.Calls.Select(c => c.Sequences), Is.EqualTo(new[]
        {
            new long[] { 1, 2, 3, 4 }, new long[] { 1, 2 }, new long[] { 1 }, new long[] { 2 }, new long[] { 3, 4 }, new long[] { 3 }, new long[] { 4 },
        }));
        var stats = h.Pipeline.GetStats();
        Assert.That(stats.EntriesSent, Is.EqualTo(3));
        Assert.That(stats.DropReasons, Is.EquivalentTo(new Dictionary<string, long> { [DropReasons.SendError] = 1 }));
        Assert.That(stats.Retries, Is.Zero);
        PipelineHarness.AssertBalanced(stats);
    }

    [Test]
    public async Task Server_errors_back_off_on_the_documented_schedule_then_drop_as_send_error()
    {
        var section = Support.Vectors.Section("retry_backoff_defaults");
        var table = section.GetProperty("table").EnumerateArray().ToArray();
        await using var h = new PipelineHarness(o => o.MaxRetries = table.Length, jitter: 0.5);
        h.Transport.Respond = _ => Task.FromResult(ScriptedTransport.Status(503));
        h.Enqueue(2);
        var flush = h.StartFlush();

        for (var retry = 1; retry <= table.Length; retry++)
        {
            await h.Transport.WaitForCallsAsync(retry);
            var row = table[retry - 1];
            var expected = TimeSpan.FromMilliseconds(row.GetProperty("base_delay_ms").GetInt32() * 1.125);
            var range = row.GetProperty("jittered_range_ms");
            Assert.That(expected.TotalMilliseconds, Is.InRange(range[0].GetInt32(), range[1].GetInt32()));
            await h.Clock.WaitForTimerAsync(due => due == expected, h.Transport.Calls[retry - 1].TimersBefore);
            Assert.That(h.Pipeline.GetStats().InFlight, Is.EqualTo(2), "a batch waiting for its retry is in flight");
            h.Clock.Advance(expected);
        }

        Assert.That(await PipelineHarness.Within(flush), Is.True);
        var stats = h.Pipeline.GetStats();
        Assert.That(h.Transport.Calls, Has.Count.EqualTo(table.Length + 1));
        Assert.That(stats.Retries, Is.EqualTo(table.Length));
        Assert.That(stats.Requests, Is.EqualTo(table.Length + 1));
        Assert.That(stats.DropReasons[DropReasons.SendError], Is.EqualTo(2));
        Assert.That(stats.LastSendError, Does.StartWith("HTTP 503"));
        Assert.That(stats.LastSendErrorTime, Is.EqualTo(h.Now));
        Assert.That(stats.EntriesResentAfterAmbiguousFailure, Is.Zero);
    }

    [TestCase(503, "send_error")]
    [TestCase(-1, "network_error")]
    public async Task With_max_retries_zero_a_failure_drops_at_once(int status, string reason)
    {
        await using var h = new PipelineHarness(o => o.MaxRetries = 0);
        h.Transport.Respond = _ => Task.FromResult(ScriptedTransport.Outcome(status));
        h.Enqueue(3);
        Assert.That(await PipelineHarness.Within(h.StartFlush()), Is.True);
        var stats = h.Pipeline.GetStats();
        Assert.That(stats.Requests, Is.EqualTo(1));
        Assert.That(stats.Retries, Is.Zero);
        Assert.That(stats.DropReasons[reason], Is.EqualTo(3));
    }

    [TestCase(new[] { 500, -1 }, "network_error")]
    [TestCase(new[] { -1, 502 }, "send_error")]
    [TestCase(new[] { 504, 504 }, "send_error")]
    public async Task The_drop_reason_follows_the_last_failure(int[] statuses, string reason)
    {
        await using var h = new PipelineHarness(o => o.MaxRetries = 1, jitter: 0);
        h.Transport.Respond = Script(statuses.Select(ScriptedTransport.Outcome).ToArray());
        h.Enqueue(2);
        var flush = h.StartFlush();
        await h.Transport.WaitForCallsAsync(1);
        await h.Clock.WaitForTimerAsync(due => due == TimeSpan.FromSeconds(1), h.Transport.Calls[0].TimersBefore);
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(await PipelineHarness.Within(flush), Is.True);
        var stats = h.Pipeline.GetStats();
        Assert.That(stats.DropReasons, Is.EquivalentTo(new Dictionary<string, long> { [reason] = 2 }));
        Assert.That(stats.EntriesResentAfterAmbiguousFailure, Is.Zero, "a refused connection never reached the server");
        Assert.That(stats.EntriesDeliveryUnknown, Is.Zero);
        PipelineHarness.AssertBalanced(stats);
    }

    [Test]
    public async Task Entries_resent_after_a_network_failure_are_counted_as_possible_duplicates()
    {
        await using var h = new PipelineHarness(jitter: 0);
        h.Transport.Respond = Script(ScriptedTransport.Status(0, error: "connection reset"));
        h.Enqueue(3);
        var flush = h.StartFlush();
        await h.Transport.WaitForCallsAsync(1);
        await h.Clock.WaitForTimerAsync(due => due == TimeSpan.FromSeconds(1), h.Transport.Calls[0].TimersBefore);
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(await PipelineHarness.Within(flush), Is.True);
        var stats = h.Pipeline.GetStats();
        Assert.That(stats.EntriesSent, Is.EqualTo(3));
        Assert.That(stats.EntriesResentAfterAmbiguousFailure, Is.EqualTo(3));
        Assert.That(stats.Retries, Is.EqualTo(1));
        Assert.That(stats.LastSendError, Is.EqualTo("network error: connection reset"));
    }

    [Test]
    public async Task A_507_drops_the_batch_and_blocks_its_category_for_15_minutes()
    {
        await using var h = new PipelineHarness();
        h.Transport.Respond = Script(ScriptedTransport.Status(507));
        h.Enqueue(2, LogFluxEntryType.Event);
        Assert.That(await PipelineHarness.Within(h.StartFlush()), Is.True);
        Assert.That(h.Pipeline.GetStats().DropReasons[DropReasons.QuotaExceeded], Is.EqualTo(2));

        Assert.That(h.Pipeline.TryEnqueue(h.Entry(LogFluxEntryType.Log)), Is.False, "logs share the events category");
        Assert.That(h.Pipeline.TryEnqueue(h.Entry(LogFluxEntryType.Metric)), Is.False);
        Assert.That(h.Pipeline.TryEnqueue(h.Entry(LogFluxEntryType.Trace)), Is.True, "traces are another category");
        Assert.That(h.Pipeline.TryEnqueue(h.Entry(LogFluxEntryType.Audit)), Is.True);
        var blocked = h.Pipeline.GetStats();
        Assert.That(blocked.DropReasons[DropReasons.QuotaExceeded], Is.EqualTo(4));
        Assert.That(blocked.QuotaBlockedCategories, Is.EqualTo(new[] { "events" }));
        Assert.That(h.Messages.Any(m => m.Level == LogFluxDiagnosticLevel.Warning && m.Message.Contains("Quota exhausted for 'events'")), Is.True);

        h.Clock.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        Assert.That(h.Pipeline.TryEnqueue(h.Entry(LogFluxEntryType.Log)), Is.False);
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(h.Pipeline.TryEnqueue(h.Entry(LogFluxEntryType.Log)), Is.True, "the block lifts after 15 minutes");
        Assert.That(h.Pipeline.GetStats().QuotaBlockedCategories, Is.Empty);
    }

    [Test]
    public async Task Queued_entries_of_a_category_blocked_meanwhile_are_dropped_when_their_batch_is_formed()
    {
        await using var h = new PipelineHarness(o => o.BatchSize = 1);
        var release = new TaskCompletionSource<IngestResult>();
        h.Transport.Respond = call => call.Index == 1 ? release.Task : Task.FromResult(ScriptedTransport.Status(202));
        h.Enqueue(1, LogFluxEntryType.Trace);
        await h.Transport.WaitForCallsAsync(1);
        h.Enqueue(1, LogFluxEntryType.Telemetry);
        h.Enqueue(1, LogFluxEntryType.Log);
        release.SetResult(ScriptedTransport.Status(507));
        Assert.That(await PipelineHarness.Within(h.StartFlush()), Is.True);
        var stats = h.Pipeline.GetStats();
        Assert.That(stats.DropReasons[DropReasons.QuotaExceeded], Is.EqualTo(2));
        Assert.That(h.Transport.Calls.Select(c => c.Sequences), Is.EqualTo(new[] { new long[] { 1 }, new long[] { 3 } }));
        PipelineHarness.AssertBalanced(stats);
    }

    [TestCase(400)]
    [TestCase(404)]
    [TestCase(422)]
    public async Task Other_client_errors_drop_the_batch_and_keep_the_error_text(int status)
    {
        await using var h = new PipelineHarness();
        h.Transport.Respond = _ => Task.FromResult(ScriptedTransport.Status(status, error: "ingest failed [bad_request]: nope"));
        h.Enqueue(2);
        Assert.That(await PipelineHarness.Within(h.StartFlush()), Is.True);
        var stats = h.Pipeline.GetStats();
        Assert.That(stats.DropReasons[DropReasons.SendError], Is.EqualTo(2));
        Assert.That(stats.Requests, Is.EqualTo(1));
        Assert.That(stats.LastSendError, Is.EqualTo($"HTTP {status}: ingest failed [bad_request]: nope"));
    }

    [Test]
    public async Task The_stored_error_text_is_at_most_200_characters_and_never_holds_the_api_key()
    {
        await using var h = new PipelineHarness();
        h.Transport.Respond = _ => Task.FromResult(ScriptedTransport.Status(400, error: "echo " + h.Options.ApiKey + " " + new string('x', 400)));
        h.Enqueue(1);
        Assert.That(await PipelineHarness.Within(h.StartFlush()), Is.True);
        var text = h.Pipeline.GetStats().LastSendError!;
        Assert.That(text, Has.Length.EqualTo(200));
        Assert.That(text, Does.Not.Contain(h.Options.ApiKey));
        Assert.That(h.Messages.Any(m => m.Message.Contains(h.Options.ApiKey!)), Is.False);
    }
}
