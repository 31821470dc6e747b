using LogFlux.Sinks.Pipeline;

namespace LogFlux.Sinks.Core.Tests.Pipeline;

public class SendPipelineConcurrencyTests
{
    private const int Threads = 8;
    private const int PerThread = 2000;

    private static readonly (LogFluxEntryType Type, LogFluxLevel Level)[] s_kinds =
    {
        (LogFluxEntryType.Log, LogFluxLevel.Debug), (LogFluxEntryType.Log, LogFluxLevel.Info), (LogFluxEntryType.Log, LogFluxLevel.Warning),
        (LogFluxEntryType.Log, LogFluxLevel.Error), (LogFluxEntryType.Metric, LogFluxLevel.Info), (LogFluxEntryType.Audit, LogFluxLevel.Notice),
    };

    private static async Task<int> EnqueueFromThreadsAsync(PipelineHarness h, Action? whenStarted = null)
    {
        var refused = 0;
        using var start = new Barrier(Threads + 1);
        var threads = Enumerable.Range(0, Threads).Select(t => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < PerThread; i++)
            {
                var (type, level) = s_kinds[(t + i) % s_kinds.Length];
                if (!h.Pipeline.TryEnqueue(new PendingEntry(type, level, DateTimeOffset.UnixEpoch, new byte[16 + i % 64])))
                {
                    Interlocked.Increment(ref refused);
                }
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        start.SignalAndWait();
        whenStarted?.Invoke();
        await PipelineHarness.Within(Task.WhenAll(threads));
        return refused;
    }

    [Test]
    public async Task Eight_threads_enqueueing_keep_the_books_balanced()
    {
        await using var h = new PipelineHarness(o =>
        {
            o.QueueSize = 500;
            o.BatchSize = 50;
            o.WorkerCount = 2;
        });
        h.Transport.Respond = async call =>
        {
            await Task.Yield();
            return ScriptedTransport.Status(call.Index % 7 == 0 ? 400 : call.Index % 11 == 0 ? 413 : 202);
        };

        var refused = await EnqueueFromThreadsAsync(h);
        Assert.That(await PipelineHarness.Within(h.Pipeline.FlushAsync(PipelineHarness.LongFlush)), Is.True);

        var stats = h.Pipeline.GetStats();
        Assert.That(stats.EntriesQueued + refused, Is.EqualTo(Threads * PerThread));
        Assert.That(stats.QueueDepth, Is.Zero);
        Assert.That(stats.InFlight, Is.Zero);
        Assert.That(stats.QueueBytes, Is.Zero);
        PipelineHarness.AssertBalanced(stats);
        Assert.That(stats.EntriesDropped, Is.EqualTo(stats.EntriesDroppedAfterQueued + refused));
        Assert.That(stats.DropReasons.Values.Sum(), Is.EqualTo(stats.EntriesDropped));

        var delivered = h.Transport.Calls.Where(c => c.Index % 7 != 0 && c.Index % 11 != 0).SelectMany(c => c.Sequences).ToList();
        Assert.That(delivered.Distinct().Count(), Is.EqualTo(delivered.Count), "no entry was acknowledged twice");
        Assert.That(delivered, Has.Count.EqualTo(stats.EntriesSent));
    }

    [Test]
    public async Task Closing_while_threads_enqueue_leaves_nothing_unaccounted()
    {
        await using var h = new PipelineHarness(o =>
        {
            o.QueueSize = 300;
            o.BatchSize = 20;
            o.WorkerCount = 2;
        });
        h.Transport.Respond = async _ =>
        {
            await Task.Yield();
            return ScriptedTransport.Status(202);
        };
        Task<bool>? close = null;
        var refused = await EnqueueFromThreadsAsync(h, () => close = h.Pipeline.CloseAsync(TimeSpan.Zero));
        await PipelineHarness.Within(close!);

        var stats = h.Pipeline.GetStats();
        Assert.That(stats.EntriesQueued + refused, Is.EqualTo(Threads * PerThread));
        Assert.That(stats.QueueDepth, Is.Zero);
        Assert.That(stats.InFlight, Is.Zero);
        PipelineHarness.AssertBalanced(stats);
        Assert.That(stats.DropReasons.Values.Sum(), Is.EqualTo(stats.EntriesDropped));
    }
}
