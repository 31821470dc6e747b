using System.Diagnostics;
using NLog.Config;
using NLog.Targets.Wrappers;
using NLog.Targets.LogFlux.Tests.Support;

namespace NLog.Targets.LogFlux.Tests.Mapping;

/// <summary>
/// Behind NLog's async wrapper <c>Write</c> runs on a background thread; the trace ids must still be those of
/// the thread that logged, and scope properties must be those of the logging flow.
/// </summary>
public sealed class AsyncTraceContextTests
{
    [Test]
    public async Task Targets_async_true_keeps_the_logging_threads_trace_id()
    {
        await using var h = await NLogHarness.StartAsync();
        var logger = h.Load(h.Config(targetsAttributes: "async='true'")).GetLogger("Shop");

        var expected = new List<(string Message, string TraceId, string SpanId)>();
        for (var i = 0; i < 3; i++)
        {
            using var activity = new Activity("op" + i).SetIdFormat(ActivityIdFormat.W3C).Start();
            using (ScopeContext.PushProperty("Iteration", i))
            {
                logger.Info("async {0}", i);
            }
            expected.Add(($"async {i}", activity.TraceId.ToHexString(), activity.SpanId.ToHexString()));
        }
        logger.Info("async without activity");
        h.Factory!.Flush(NLogHarness.Wait);

        foreach (var (message, traceId, spanId) in expected)
        {
            var entry = await h.WaitForMessageAsync(message);
            Assert.That(entry.Attributes["trace_id"], Is.EqualTo(traceId), message);
            Assert.That(entry.Attributes["span_id"], Is.EqualTo(spanId), message);
            Assert.That(entry.Attributes["Iteration"], Is.EqualTo(message[^1..]), message);
        }
        var plain = await h.WaitForMessageAsync("async without activity");
        Assert.That(plain.Attributes.ContainsKey("trace_id"), Is.False);
    }

    [Test]
    public async Task An_AsyncTargetWrapper_built_in_code_keeps_the_logging_threads_trace_id()
    {
        await using var h = await NLogHarness.StartAsync();
        var target = new LogFluxTarget("lf")
        {
            ApiKey = h.ApiKey,
            CustomEndpointUrl = h.Server.BaseUrl,
            KeyPersistence = "false",
            FlushInterval = "100ms",
        };
        var configuration = new LoggingConfiguration();
        configuration.AddRuleForAllLevels(new AsyncTargetWrapper("async", target));
        var logger = h.Load(configuration).GetLogger("Shop");

        string traceId;
        using (var activity = new Activity("wrapped").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            traceId = activity.TraceId.ToHexString();
            logger.Info("wrapped in code");
        }

        var entry = await h.WaitForMessageAsync("wrapped in code");
        Assert.That(entry.Attributes["trace_id"], Is.EqualTo(traceId));
    }

    [Test]
    public async Task The_background_threads_activity_never_leaks_into_an_event_logged_without_one()
    {
        await using var h = await NLogHarness.StartAsync();
        var target = new LogFluxTarget("lf")
        {
            ApiKey = h.ApiKey,
            CustomEndpointUrl = h.Server.BaseUrl,
            KeyPersistence = "false",
            FlushInterval = "100ms",
        };
        var configuration = new LoggingConfiguration();
        var wrapper = new AsyncTargetWrapper("async", target) { TimeToSleepBetweenBatches = 1 };
        configuration.AddRuleForAllLevels(wrapper);

        // The wrapper's writer starts inside an activity, so its background flow inherits it.
        LogFactory factory;
        using (new Activity("background").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            factory = h.Load(configuration);
            factory.GetLogger("Shop").Info("warm up");
        }
        factory.GetLogger("Shop").Info("logged without activity");

        var entry = await h.WaitForMessageAsync("logged without activity");
        Assert.That(entry.Attributes.ContainsKey("trace_id"), Is.False);
    }
}
