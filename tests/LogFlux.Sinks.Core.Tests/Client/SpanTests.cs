using System.Diagnostics;
using System.Text.RegularExpressions;

namespace LogFlux.Sinks.Core.Tests.Client;

[NonParallelizable] // Activity listeners are process-wide.
public class SpanTests
{
    private static readonly Regex TraceIdPattern = new("^[0-9a-f]{32}$");
    private static readonly Regex SpanIdPattern = new("^[0-9a-f]{16}$");

    [Test]
    public void A_root_span_has_fresh_ids_and_no_parent()
    {
        using var h = new ClientHarness();
        var span = h.Client.StartSpan("http.server", "GET /", new Dictionary<string, string> { ["route"] = "/" });
        Assert.That(h.Client.CurrentSpan, Is.SameAs(span));
        span.End();

        var entry = (SpanEntry)h.Single().Entry!;
        Assert.Multiple(() =>
        {
            Assert.That(entry.TraceId, Does.Match(TraceIdPattern));
            Assert.That(entry.SpanId, Does.Match(SpanIdPattern));
            Assert.That(entry.ParentSpanId, Is.Null);
            Assert.That((entry.Operation, entry.Name, entry.Status), Is.EqualTo(("http.server", "GET /", "ok")));
            Assert.That(entry.Attributes!["route"], Is.EqualTo("/"));
            Assert.That(entry.EndTime, Is.GreaterThanOrEqualTo(entry.StartTime));
            Assert.That(h.Client.CurrentSpan, Is.Null);
        });
    }

    [Test]
    public void Children_link_to_their_parent_and_the_current_span_is_restored()
    {
        using var h = new ClientHarness();
        using (var root = h.Client.StartSpan("http.server", "GET /orders"))
        {
            using (var child = h.Client.StartSpan("db.query", "SELECT"))
            {
                Assert.That(child.ParentSpanId, Is.EqualTo(root.SpanId));
                Assert.That(child.TraceId, Is.EqualTo(root.TraceId));
                using var grandchild = child.StartChild("cache", "get");
                Assert.That(grandchild.ParentSpanId, Is.EqualTo(child.SpanId));
            }
            Assert.That(h.Client.CurrentSpan, Is.SameAs(root));
        }
        Assert.That(h.Client.CurrentSpan, Is.Null);
        var spans = h.Accepted.Select(p => (SpanEntry)p.Entry!).ToList();
        Assert.That(spans.Select(s => s.Operation), Is.EqualTo(new[] { "cache", "db.query", "http.server" }));
        Assert.That(spans.Select(s => s.TraceId).Distinct().Count(), Is.EqualTo(1));
    }

    [Test]
    public void End_sends_once()
    {
        using var h = new ClientHarness();
        var span = h.Client.StartSpan("op", "name");
        span.End();
        span.End();
        span.Dispose();
        Assert.That(h.Accepted, Has.Count.EqualTo(1));
        Assert.That(span.IsEnded, Is.True);
    }

    [Test]
    public void SetError_marks_the_span_failed()
    {
        using var h = new ClientHarness();
        using (var span = h.Client.StartSpan("op", "name"))
        {
            span.SetAttribute("k", "v").SetError(new TimeoutException("took too long"));
        }
        var entry = (SpanEntry)h.Single().Entry!;
        Assert.That(entry.Status, Is.EqualTo("error"));
        Assert.That(entry.Attributes!["error.message"], Is.EqualTo("took too long"));
        Assert.That(entry.Attributes!["k"], Is.EqualTo("v"));
    }

    [Test]
    public void TraceHeader_carries_ids_and_sampling_flag()
    {
        using var h = new ClientHarness();
        using var span = h.Client.StartSpan("op", "name");
        Assert.That(span.TraceHeader, Is.EqualTo($"{span.TraceId}-{span.SpanId}-1"));
        Assert.That(LogFluxClient.CurrentTraceHeader, Is.EqualTo(span.TraceHeader));
        Assert.That(LogFluxTraceContext.TryGetCurrent(out var traceId, out var spanId), Is.True);
        Assert.That((traceId, spanId), Is.EqualTo((span.TraceId, span.SpanId)));
    }

    [Test]
    public void Activity_current_inside_a_span_carries_its_ids_without_a_listener()
    {
        using var h = new ClientHarness();
        var before = Activity.Current;
        using (var span = h.Client.StartSpan("op", "name"))
        {
            Assert.That(Activity.Current, Is.Not.Null);
            Assert.That(Activity.Current!.TraceId.ToHexString(), Is.EqualTo(span.TraceId));
            Assert.That(Activity.Current.SpanId.ToHexString(), Is.EqualTo(span.SpanId));
            using var child = span.StartChild("inner", "x");
            Assert.That(Activity.Current!.ParentSpanId.ToHexString(), Is.EqualTo(span.SpanId));
        }
        Assert.That(Activity.Current, Is.SameAs(before));
    }

    [Test]
    public void Activity_listeners_see_the_span_with_the_same_ids()
    {
        var started = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "LogFlux.Sinks",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = started.Add,
        };
        ActivitySource.AddActivityListener(listener);
        using var h = new ClientHarness();
        using (var span = h.Client.StartSpan("db.query", "SELECT 1"))
        {
            Assert.That(started, Has.Count.EqualTo(1));
            Assert.That(started[0].Source.Name, Is.EqualTo("LogFlux.Sinks"));
            Assert.That(started[0].TraceId.ToHexString(), Is.EqualTo(span.TraceId));
            Assert.That(started[0].SpanId.ToHexString(), Is.EqualTo(span.SpanId));
            Assert.That(Activity.Current, Is.SameAs(started[0]));
            Assert.That(started[0].DisplayName, Is.EqualTo("SELECT 1"));
        }
        Assert.That(started[0].IsStopped, Is.True);
    }

    [Test]
    public void A_span_started_under_an_external_activity_joins_its_trace()
    {
        using var h = new ClientHarness();
        using var outer = new Activity("aspnet").SetIdFormat(ActivityIdFormat.W3C).Start();
        using var span = h.Client.StartSpan("op", "name");
        Assert.That(span.TraceId, Is.EqualTo(outer.TraceId.ToHexString()));
        Assert.That(span.ParentSpanId, Is.EqualTo(outer.SpanId.ToHexString()));
    }

    [Test]
    public void Logs_inside_a_span_carry_its_ids()
    {
        using var h = new ClientHarness();
        using (var span = h.Client.StartSpan("op", "name"))
        {
            h.Client.Info("inside");
            var attributes = h.Accepted[0].Entry!.Attributes!;
            Assert.That((attributes["trace_id"], attributes["span_id"]), Is.EqualTo((span.TraceId, span.SpanId)));
        }
    }

    [Test]
    public void ContinueFromHeaders_continues_a_logflux_trace()
    {
        using var h = new ClientHarness();
        var headers = new Dictionary<string, string> { ["x-logflux-trace"] = " 4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-1 " };
        using (var span = h.Client.ContinueFromHeaders(headers, "http.server", "GET /"))
        {
            Assert.That(span.TraceId, Is.EqualTo("4bf92f3577b34da6a3ce929d0e0e4736"));
            Assert.That(span.ParentSpanId, Is.EqualTo("00f067aa0ba902b7"));
            Assert.That(span.IsSampled, Is.True);
        }
        Assert.That(((SpanEntry)h.Single().Entry!).ParentSpanId, Is.EqualTo("00f067aa0ba902b7"));
    }

    [Test]
    public void An_unsampled_incoming_trace_is_not_sent_and_children_follow()
    {
        using var h = new ClientHarness();
        using (var span = h.Client.ContinueFromHeaders(name => name == "X-LogFlux-Trace" ? "4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0" : null, "op", "n"))
        {
            Assert.That(span.TraceHeader, Does.EndWith("-0"));
            using var child = span.StartChild("child", "c");
            Assert.That(child.IsSampled, Is.False);
        }
        Assert.That(h.Accepted, Is.Empty);
        Assert.That(h.Client.GetStats().EntriesSampledOut, Is.EqualTo(2));
    }

    [Test]
    public void Traceparent_is_read_when_there_is_no_logflux_header()
    {
        using var h = new ClientHarness();
        var headers = new Dictionary<string, string> { ["TraceParent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" };
        using var span = h.Client.ContinueFromHeaders(headers, "op", "n");
        Assert.That(span.TraceId, Is.EqualTo("0af7651916cd43dd8448eb211c80319c"));
        Assert.That(span.ParentSpanId, Is.EqualTo("b7ad6b7169203331"));
    }

    [Test]
    public void A_malformed_header_starts_a_new_trace_and_is_counted()
    {
        using var h = new ClientHarness(o => o.Debug = true);
        using var outer = new Activity("unrelated").SetIdFormat(ActivityIdFormat.W3C).Start();
        using (var span = h.Client.ContinueFromHeaders(new Dictionary<string, string> { ["X-LogFlux-Trace"] = "not-a-header" }, "op", "n"))
        {
            Assert.That(span.ParentSpanId, Is.Null);
            Assert.That(span.TraceId, Does.Match(TraceIdPattern).And.Not.EqualTo(outer.TraceId.ToHexString()));
            Assert.That(Activity.Current!.TraceId.ToHexString(), Is.EqualTo(span.TraceId));
        }
        Assert.That(Activity.Current, Is.SameAs(outer));
        Assert.That(h.Client.MalformedTraceHeaders, Is.EqualTo(1));
        Assert.That(h.Diagnostics.Any(d => d.Level == LogFluxDiagnosticLevel.Debug && d.Message.Contains("Malformed")), Is.True);
    }

    [Test]
    public void No_header_starts_a_new_trace_without_counting()
    {
        using var h = new ClientHarness();
        using var span = h.Client.ContinueFromHeaders(_ => null, "op", "n");
        Assert.That(span.ParentSpanId, Is.Null);
        Assert.That(h.Client.MalformedTraceHeaders, Is.EqualTo(0));
    }

    [Test]
    public void Spans_are_sampled_per_trace()
    {
        using var h = new ClientHarness(o => o.SampleRate = 0.5);
        var keptTraces = 0;
        for (var i = 0; i < 200; i++)
        {
            using var root = h.Client.StartSpan("root", "r");
            using (root.StartChild("a", "a")) { }
            using (root.StartChild("b", "b")) { }
            if (root.IsSampled) keptTraces++;
        }
        var byTrace = h.Accepted.Select(p => (SpanEntry)p.Entry!).GroupBy(s => s.TraceId).ToList();
        Assert.That(byTrace, Has.All.Matches<IGrouping<string, SpanEntry>>(g => g.Count() == 3), "traces are kept or dropped whole");
        Assert.That(byTrace, Has.Count.EqualTo(keptTraces));
        Assert.That(keptTraces, Is.InRange(40, 160));
        Assert.That(h.Client.GetStats().EntriesSampledOut, Is.EqualTo((200 - keptTraces) * 3));
    }

    [Test]
    public async Task The_current_span_flows_with_async_code_and_is_isolated_per_flow()
    {
        using var h = new ClientHarness();
        using var root = h.Client.StartSpan("root", "r");
        var seen = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            using var child = h.Client.StartSpan("child", $"c{i}");
            await Task.Yield();
            return (child.ParentSpanId, Current: h.Client.CurrentSpan);
        })));
        Assert.That(seen.Select(s => s.ParentSpanId), Is.All.EqualTo(root.SpanId));
        Assert.That(h.Client.CurrentSpan, Is.SameAs(root));
    }
}
