using LogFlux.Sinks.Transport;

namespace LogFlux.Sinks.Core.Tests.Pipeline;

public class SendPipelineHandshakeTests
{
    [Test]
    public async Task A_failing_handshake_is_retried_with_doubling_jittered_delays_while_entries_wait()
    {
        const int failures = 3;
        await using var h = new PipelineHarness(o => o.WorkerCount = 2, jitter: 0.5, arrange: t =>
            t.BeforeSession = (n, _) => n <= failures ? throw new TransportException($"handshake init failed with status 503 ({n})", 503) : Task.CompletedTask);
        h.Enqueue(4);
        var flush = h.StartFlush();

        var since = 0;
        foreach (var seconds in new[] { 1.125, 2.25, 4.5 })
        {
            var due = await h.Clock.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(seconds), since);
            since = h.Clock.TimerCount;
            Assert.That(h.Transport.Calls, Is.Empty);
            Assert.That(h.Pipeline.GetStats().QueueDepth, Is.EqualTo(4), "entries stay queued, not in flight");
            h.Clock.Advance(due);
        }

        Assert.That(await PipelineHarness.Within(flush), Is.True);
        Assert.That(h.Transport.SessionRequests, Is.GreaterThanOrEqualTo(failures + 1));
        Assert.That(h.Messages.Count(m => m.Level == LogFluxDiagnosticLevel.Warning && m.Message.StartsWith("Handshake failed")), Is.EqualTo(failures));
        Assert.That(h.Messages.Any(m => m.Message.Contains("Handshake succeeded")), Is.True);
    }

    [Test]
    public async Task A_refused_api_key_is_an_error_and_retried_no_sooner_than_every_60_s()
    {
        await using var h = new PipelineHarness(jitter: 0, arrange: t =>
            t.BeforeSession = (_, _) => throw new TransportException("handshake init failed with status 401", 401));
        h.Enqueue(2);

        await h.Clock.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(60));
        Assert.That(h.Messages.Any(m => m.Level == LogFluxDiagnosticLevel.Error && m.Message.Contains("API key was refused")), Is.True);
        var attempts = h.Transport.SessionRequests;
        h.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.That(h.Transport.SessionRequests, Is.EqualTo(attempts));
        var timers = h.Clock.TimerCount;
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        await h.Clock.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(60), timers);
        Assert.That(h.Transport.SessionRequests, Is.EqualTo(attempts + 1));

        // Entries keep being accepted and counted meanwhile.
        Assert.That(h.Pipeline.TryEnqueue(h.Entry()), Is.True);
        Assert.That(h.Pipeline.GetStats().QueueDepth, Is.EqualTo(3));
        Assert.That(h.Pipeline.GetStats().HandshakeOk, Is.True, "reported by the transport");
    }
}
