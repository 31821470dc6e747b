namespace LogFlux.Sinks.Core.Tests.Pipeline;

public class LogFluxStatsTests
{
    [Test]
    public async Task ToString_is_one_readable_line()
    {
        await using var h = new PipelineHarness(o => o.QueueSize = 20);
        h.Transport.Respond = call => Task.FromResult(ScriptedTransport.Status(call.Index == 1 ? 400 : 202));
        h.Enqueue(2);
        Assert.That(await PipelineHarness.Within(h.StartFlush()), Is.True);
        h.Enqueue(1);
        Assert.That(await PipelineHarness.Within(h.StartFlush()), Is.True);
        h.Pipeline.CountSampledOut();

        var text = h.Pipeline.GetStats().ToString();
        Assert.That(text, Does.StartWith("queued=3 sent=1 dropped=2 (send_error=2) sampled_out=1 queue=0/20"));
        Assert.That(text, Does.Contain("requests=2").And.Contain("handshake_ok=true").And.Contain("last_error=\"HTTP 400: status 400\""));
        Assert.That(text, Does.Not.Contain("\n"));
        Assert.That(text, Does.Not.Contain(h.Options.ApiKey!));
    }
}
