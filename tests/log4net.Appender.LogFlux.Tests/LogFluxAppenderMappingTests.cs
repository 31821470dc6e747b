using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using log4net.Appender.LogFlux.Tests.Support;
using log4net.Core;

namespace log4net.Appender.LogFlux.Tests;

/// <summary>Real log4net pipeline → LogFluxAppender → real receiver over HTTP: what arrives, decrypted.</summary>
public sealed class LogFluxAppenderMappingTests : ReceiverFixture
{
    private static readonly (Level Level, int Expected)[] BuiltInLevels =
    [
        (Level.Log4Net_Debug, 1), (Level.Emergency, 1), (Level.Fatal, 2), (Level.Alert, 2), (Level.Critical, 3),
        (Level.Severe, 3), (Level.Error, 4), (Level.Warn, 5), (Level.Notice, 6), (Level.Info, 7), (Level.Debug, 8),
        (Level.Fine, 8), (Level.Trace, 8), (Level.Finer, 8), (Level.Verbose, 8), (Level.Finest, 8), (Level.All, 8),
    ];

    [Test]
    public async Task EveryBuiltInLevel_ArrivesWithTheThresholdMappedLevel_AndOffIsNotSent()
    {
        using var harness = Log4NetHarness.Start(Server.BaseUrl);
        var log = harness.Logger("Levels");
        foreach (var (level, _) in BuiltInLevels)
        {
            log.Logger.Log(typeof(LogFluxAppenderMappingTests), level, "level " + level.Name, null);
        }
        log.Logger.Log(typeof(LogFluxAppenderMappingTests), Level.Off, "level OFF", null);

        var entries = await WaitForAsync(harness.ApiKey, BuiltInLevels.Length);
        Assert.That(harness.Appender.Flush(5000), Is.True);
        var received = Server.Entries.Where(e => e.ApiKey == harness.ApiKey).ToDictionary(e => e.Message!, e => e.Level);

        Assert.Multiple(() =>
        {
            foreach (var (level, expected) in BuiltInLevels)
            {
                Assert.That(received["level " + level.Name], Is.EqualTo(expected), level.Name);
            }
            Assert.That(received.ContainsKey("level OFF"), Is.False);
            Assert.That(entries.All(e => e.Type == "log" && e.EntryType == 1), Is.True);
        });
    }

    [Test]
    public async Task CustomLevels_MapByValue_AndLevelMappingOverridesAnExactLevel()
    {
        using var harness = Log4NetHarness.Start(Server.BaseUrl,
            """
            <levelMapping><level value="PAGE" /><logFluxLevel value="Emergency" /></levelMapping>
            <levelMapping><level value="NOTICE" /><logFluxLevel value="info" /></levelMapping>
            """,
            repository =>
            {
                repository.LevelMap.Add("BUSINESS", 45_000);
                repository.LevelMap.Add("PAGE", 65_000);
                repository.LevelMap.Add("LOUD", 105_000);
            });
        var log = harness.Logger("Custom");
        foreach (var name in new[] { "BUSINESS", "PAGE", "LOUD", "NOTICE" })
        {
            log.Logger.Log(typeof(LogFluxAppenderMappingTests), harness.Repository.LevelMap[name], "custom " + name, null);
        }

        var entries = (await WaitForAsync(harness.ApiKey, 4)).ToDictionary(e => e.Message!, e => e.Level);

        Assert.Multiple(() =>
        {
            Assert.That(entries["custom BUSINESS"], Is.EqualTo(7));
            Assert.That(entries["custom PAGE"], Is.EqualTo(1), "explicit mapping wins over the threshold (5)");
            Assert.That(entries["custom LOUD"], Is.EqualTo(2));
            Assert.That(entries["custom NOTICE"], Is.EqualTo(7));
        });
    }

    [Test]
    public async Task Message_Logger_AndTimestamp_ComeFromTheEvent()
    {
        using var harness = Log4NetHarness.Start(Server.BaseUrl);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        harness.Logger("Shop.Checkout").InfoFormat(CultureInfo.InvariantCulture, "order {0} placed for {1:F2}", 42, 9.5);

        var entry = (await WaitForAsync(harness.ApiKey, 1))[0];

        var ts = DateTimeOffset.Parse(entry.Ts, CultureInfo.InvariantCulture);
        Assert.Multiple(() =>
        {
            Assert.That(entry.Message, Is.EqualTo("order 42 placed for 9.50"));
            Assert.That(entry.Logger, Is.EqualTo("Shop.Checkout"));
            Assert.That(entry.Level, Is.EqualTo(7));
            Assert.That(ts, Is.GreaterThan(before).And.LessThan(DateTimeOffset.UtcNow.AddSeconds(1)));
            Assert.That(entry.Attributes.Keys.Any(k => k.StartsWith("log4net:", StringComparison.Ordinal)), Is.False);
        });
    }

    [Test]
    public async Task ConfiguredLayout_RendersTheMessage()
    {
        using var harness = Log4NetHarness.Start(Server.BaseUrl,
            """<layout type="log4net.Layout.PatternLayout"><conversionPattern value="[%level] %logger: %message" /></layout>""");
        harness.Logger("Layouted").Warn("disk almost full");

        var entry = (await WaitForAsync(harness.ApiKey, 1))[0];

        Assert.That(entry.Message, Is.EqualTo("[WARN] Layouted: disk almost full"));
    }

    [Test]
    public async Task PropertiesFromAllContexts_AreCapturedOnTheLoggingThread()
    {
        using var harness = Log4NetHarness.Start(Server.BaseUrl);
        var log = harness.Logger("Contexts");
        GlobalContext.Properties["app.global"] = "g1";
        try
        {
            ThreadContext.Properties["thread.count"] = 7;
            LogicalThreadContext.Properties["flow.flag"] = true;
            ThreadContext.Properties["ids"] = new[] { 1, 2, 3 };
            using (ThreadContext.Stacks["NDC"].Push("outer"))
            using (ThreadContext.Stacks["NDC"].Push("inner"))
            {
                var loggingEvent = new LoggingEvent(typeof(LogFluxAppenderMappingTests), harness.Repository, "Contexts", Level.Info, "with properties", null);
                loggingEvent.Properties["event.prop"] = 2.5;
                log.Logger.Log(loggingEvent);
            }
            // Changed right after the call: the values at logging time must arrive.
            ThreadContext.Properties["thread.count"] = 8;
            GlobalContext.Properties["app.global"] = "g2";

            var entry = (await WaitForAsync(harness.ApiKey, 1))[0];

            Assert.Multiple(() =>
            {
                Assert.That(entry.Attributes["app.global"], Is.EqualTo("g1"));
                Assert.That(entry.Attributes["thread.count"], Is.EqualTo("7"));
                Assert.That(entry.Attributes["flow.flag"], Is.EqualTo("true"));
                Assert.That(entry.Attributes["event.prop"], Is.EqualTo("2.5"));
                Assert.That(entry.Attributes["ids"], Is.EqualTo("[1,2,3]"));
                Assert.That(entry.Attributes["NDC"], Is.EqualTo("outer inner"));
                Assert.That(entry.Attributes.Keys.Any(k => k.StartsWith("log4net:", StringComparison.Ordinal)), Is.False);
            });
        }
        finally
        {
            GlobalContext.Properties.Remove("app.global");
            ThreadContext.Properties.Clear();
            LogicalThreadContext.Properties.Clear();
        }
    }

    [Test]
    public async Task IncludeLocation_AddsClassMethodFileAndLine()
    {
        using var harness = Log4NetHarness.Start(Server.BaseUrl, """<includeLocation value="true" />""");
        LogFromASynchronousMethod(harness.Logger("Located"));

        var entry = (await WaitForAsync(harness.ApiKey, 1))[0];

        Assert.Multiple(() =>
        {
            Assert.That(entry.Attributes["class"], Is.EqualTo(typeof(LogFluxAppenderMappingTests).FullName));
            Assert.That(entry.Attributes["method"], Is.EqualTo(nameof(LogFromASynchronousMethod)));
            Assert.That(entry.Attributes["file"], Does.EndWith("LogFluxAppenderMappingTests.cs"));
            Assert.That(int.Parse(entry.Attributes["line"], CultureInfo.InvariantCulture), Is.GreaterThan(0));
        });
    }

    [Test]
    public async Task WithoutIncludeLocation_NoLocationAttributesAreSent()
    {
        using var harness = Log4NetHarness.Start(Server.BaseUrl);
        harness.Logger("Unlocated").Info("here");

        var entry = (await WaitForAsync(harness.ApiKey, 1))[0];

        Assert.That(entry.Attributes.Keys, Has.None.AnyOf("class", "method", "file", "line"));
    }

    [Test]
    public async Task Exception_WithInnerException_BecomesAnErrorCapture_KeepingMessageAndLevel()
    {
        using var harness = Log4NetHarness.Start(Server.BaseUrl);
        var log = harness.Logger("Errors");
        log.Info("before the failure");
        log.Warn("payment failed", Thrown(() => throw new InvalidOperationException("outer problem", new ArgumentException("inner problem"))));

        var entries = await WaitForAsync(harness.ApiKey, 2);
        var entry = entries.Single(e => e.Message == "payment failed");

        Assert.Multiple(() =>
        {
            Assert.That(entry.Type, Is.EqualTo("log"));
            Assert.That(entry.Level, Is.EqualTo(5));
            Assert.That(entry.GetString("error_type"), Is.EqualTo("System.InvalidOperationException"));
            Assert.That(entry.GetString("error_message"), Is.EqualTo("outer problem"));
            Assert.That(entry.Json.GetProperty("stack_trace").GetArrayLength(), Is.GreaterThan(0));
            var chain = entry.Json.GetProperty("error_chain").EnumerateArray().Select(l => l.GetProperty("type").GetString()).ToList();
            Assert.That(chain, Is.EqualTo(new[] { "System.InvalidOperationException", "System.ArgumentException" }));
            var crumbs = entry.Json.GetProperty("breadcrumbs").EnumerateArray().Select(b => b.GetProperty("message").GetString()).ToList();
            Assert.That(crumbs, Does.Contain("before the failure"));
        });
    }

    [Test]
    public async Task AggregateException_FollowsTheFirstInnerException()
    {
        using var harness = Log4NetHarness.Start(Server.BaseUrl);
        var aggregate = Thrown(() => throw new AggregateException("several", Thrown(() => throw new TimeoutException("first")), new FormatException("second")));
        harness.Logger("Errors").Error("batch failed", aggregate);

        var entry = (await WaitForAsync(harness.ApiKey, 1))[0];

        var chain = entry.Json.GetProperty("error_chain").EnumerateArray().Select(l => l.GetProperty("type").GetString()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(entry.Level, Is.EqualTo(4));
            Assert.That(entry.GetString("error_type"), Is.EqualTo("System.AggregateException"));
            Assert.That(chain, Does.Contain("System.TimeoutException"));
        });
    }

    [Test]
    public async Task ActivityCurrentOnTheLoggingThread_GivesTraceAndSpanIds()
    {
        using var harness = Log4NetHarness.Start(Server.BaseUrl);
        var log = harness.Logger("Traced");
        string traceId, spanId;
        using (var activity = new Activity("request").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            traceId = activity.TraceId.ToHexString();
            spanId = activity.SpanId.ToHexString();
            log.Info("inside");
        }
        log.Info("outside");

        var entries = await WaitForAsync(harness.ApiKey, 2);
        var inside = entries.Single(e => e.Message == "inside");
        var outside = entries.Single(e => e.Message == "outside");

        Assert.Multiple(() =>
        {
            Assert.That(inside.Attributes["trace_id"], Is.EqualTo(traceId));
            Assert.That(inside.Attributes["span_id"], Is.EqualTo(spanId));
            Assert.That(outside.Attributes.ContainsKey("trace_id"), Is.False);
        });
    }

    // An async test method would be reported as its state machine's MoveNext.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LogFromASynchronousMethod(ILog log) => log.Info("here");

    private static Exception Thrown(Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex)
        {
            return ex;
        }
        throw new AssertionException("The action did not throw.");
    }
}
