using System.Diagnostics;
using System.Text.Json.Nodes;

namespace LogFlux.Sinks.Core.Tests.Client;

public class ClientEnqueueTests
{
    [Test]
    public void A_log_is_queued_with_its_attributes_copied()
    {
        using var h = new ClientHarness();
        var attributes = new Dictionary<string, string> { ["order_id"] = "ord_1" };
        h.Client.Info("order placed", attributes);
        attributes["order_id"] = "changed";

        var entry = (LogEntry)h.Single().Entry!;
        Assert.That(entry.Level, Is.EqualTo(LogFluxLevel.Info));
        Assert.That(entry.Message, Is.EqualTo("order placed"));
        Assert.That(entry.Attributes!["order_id"], Is.EqualTo("ord_1"));
        Assert.That(h.Single().Json, Is.Null, "no hook: the entry is serialised on the sender");
    }

    [Test]
    public void Each_level_method_uses_its_level()
    {
        using var h = new ClientHarness();
        h.Client.Debug("d");
        h.Client.Info("i");
        h.Client.Notice("n");
        h.Client.Warn("w");
        h.Client.Error("e");
        h.Client.Critical("c");
        h.Client.Log(LogFluxLevel.Emergency, "x");
        Assert.That(h.Accepted.Select(p => p.Level), Is.EqualTo(new[]
        {
            LogFluxLevel.Debug, LogFluxLevel.Info, LogFluxLevel.Notice, LogFluxLevel.Warning, LogFluxLevel.Error, LogFluxLevel.Critical, LogFluxLevel.Emergency,
        }));
    }

    [Test]
    public void Scope_attributes_apply_and_explicit_attributes_win()
    {
        using var h = new ClientHarness();
        using (var scope = h.Client.BeginScope())
        {
            scope.SetAttribute("tenant", "t1").SetAttribute("region", "scope");
            h.Client.Info("x", new Dictionary<string, string> { ["region"] = "call" });
        }
        h.Client.Info("after");
        var first = h.Accepted[0].Entry!.Attributes!;
        Assert.That(first["tenant"], Is.EqualTo("t1"));
        Assert.That(first["region"], Is.EqualTo("call"));
        Assert.That(h.Accepted[1].Entry!.Attributes, Is.Null);
    }

    [Test]
    public void Logs_events_and_audit_get_the_current_activity_ids_when_absent()
    {
        using var h = new ClientHarness();
        using var activity = new Activity("outer").SetIdFormat(ActivityIdFormat.W3C).Start();
        h.Client.Info("log");
        h.Client.Event("evt");
        h.Client.Audit("a", "b", "c", "d");
        h.Client.Gauge("g", 1);
        h.Client.Info("explicit", new Dictionary<string, string> { ["trace_id"] = "mine" });

        var traceId = activity.TraceId.ToHexString();
        var spanId = activity.SpanId.ToHexString();
        foreach (var pending in h.Accepted.Take(3))
        {
            Assert.That(pending.Entry!.Attributes!["trace_id"], Is.EqualTo(traceId));
            Assert.That(pending.Entry!.Attributes!["span_id"], Is.EqualTo(spanId));
        }
        Assert.That(h.Accepted[3].Entry!.Attributes, Is.Null, "metrics carry no trace ids");
        Assert.That(h.Accepted[4].Entry!.Attributes!["trace_id"], Is.EqualTo("mine"));
        Assert.That(h.Accepted[4].Entry!.Attributes!.ContainsKey("span_id"), Is.False);
    }

    [Test]
    public void An_adapter_that_captured_the_trace_context_itself_gets_no_ambient_ids()
    {
        using var h = new ClientHarness(o => o.MinimumBreadcrumbLevel = LogFluxLevel.Info);
        using var activity = new Activity("handing-over-thread").SetIdFormat(ActivityIdFormat.W3C).Start();

        h.Client.EnqueueCaptured(new LogEntry(LogFluxLevel.Info, "logged without a trace", DateTimeOffset.UtcNow));
        h.Client.Enqueue(new LogEntry(LogFluxLevel.Info, "logged here", DateTimeOffset.UtcNow));

        Assert.Multiple(() =>
        {
            Assert.That(h.Accepted[0].Entry!.Attributes, Is.Null);
            Assert.That(h.Accepted[1].Entry!.Attributes!["trace_id"], Is.EqualTo(activity.TraceId.ToHexString()));
            Assert.That(h.Client.GetBreadcrumbs().Select(b => b.Message), Is.EqualTo(new[] { "logged without a trace", "logged here" }));
        });
    }

    [Test]
    public void An_invalid_entry_is_dropped_and_counted()
    {
        using var h = new ClientHarness();
        h.Client.Gauge("bad", double.NaN);
        Assert.That(h.Accepted, Is.Empty);
        Assert.That(h.Client.GetStats().DropReasons[DropReasons.ValidationError], Is.EqualTo(1));
        Assert.That(h.Diagnostics.Any(d => d.Level == LogFluxDiagnosticLevel.Warning), Is.True);
    }

    [Test]
    public void Without_failsafe_invalid_entries_and_a_closed_client_throw()
    {
        using var h = new ClientHarness(o => o.Failsafe = false);
        Assert.Throws<InvalidOperationException>(() => h.Client.Gauge("bad", double.PositiveInfinity));
        h.Client.Close();
        Assert.Throws<InvalidOperationException>(() => h.Client.Info("late"));
        Assert.Throws<InvalidOperationException>(() => h.Client.Enqueue(new LogEntry(LogFluxLevel.Info, "late", DateTimeOffset.UtcNow)));
    }

    [Test]
    public void With_failsafe_a_closed_client_drops_and_counts()
    {
        using var h = new ClientHarness();
        h.Client.Close();
        Assert.DoesNotThrow(() => h.Client.Info("late"));
        Assert.That(h.Client.Enqueue(new LogEntry(LogFluxLevel.Info, "late", DateTimeOffset.UtcNow)), Is.False);
        Assert.That(h.Client.GetStats().DropReasons[DropReasons.Closed], Is.EqualTo(2));
        Assert.That(h.Accepted, Is.Empty);
    }

    [Test]
    public void Sampled_out_entries_are_counted_separately_and_audit_is_exempt()
    {
        using var h = new ClientHarness(o => o.SampleRate = 0.5, random: () => 0.9);
        h.Client.Info("gone");
        h.Client.Counter("gone");
        h.Client.Audit("user.deleted", "admin", "user", "u1");
        var stats = h.Client.GetStats();
        Assert.That(h.Accepted.Select(p => p.Type), Is.EqualTo(new[] { LogFluxEntryType.Audit }));
        Assert.That(stats.EntriesSampledOut, Is.EqualTo(2));
        Assert.That(stats.EntriesDropped, Is.EqualTo(0));
        Assert.That(h.Client.GetBreadcrumbs(), Is.Empty, "sampled-out logs leave no breadcrumb");
    }

    [Test]
    public void Hooks_run_per_type_then_global_and_may_modify()
    {
        var order = new List<string>();
        using var h = new ClientHarness(o =>
        {
            o.BeforeSendLog = json => { order.Add("log"); json["message"] = "scrubbed"; return json; };
            o.BeforeSend = json => { order.Add("global"); json["extra"] = "yes"; return json; };
        });
        h.Client.Warn("secret 1234");
        var pending = h.Single();
        Assert.That(order, Is.EqualTo(new[] { "log", "global" }));
        Assert.That(pending.Json, Is.Not.Null);
        Assert.That(pending.Level, Is.EqualTo(LogFluxLevel.Warning));
        var json = h.Json(pending);
        Assert.That(json.GetProperty("message").GetString(), Is.EqualTo("scrubbed"));
        Assert.That(json.GetProperty("extra").GetString(), Is.EqualTo("yes"));
        Assert.That(json.GetProperty("source").GetString(), Is.EqualTo("unit-tests"), "hooks see the global context");
    }

    [Test]
    public void A_hook_returning_null_drops_and_leaves_no_breadcrumb()
    {
        using var h = new ClientHarness(o => o.BeforeSendEvent = _ => null);
        h.Client.Event("dropped");
        h.Client.Info("kept");
        Assert.That(h.Accepted.Select(p => p.Type), Is.EqualTo(new[] { LogFluxEntryType.Log }));
        Assert.That(h.Client.GetStats().DropReasons[DropReasons.BeforeSend], Is.EqualTo(1));
        Assert.That(h.Client.GetBreadcrumbs().Select(b => b.Category), Is.EqualTo(new[] { "log" }));
    }

    [Test]
    public void A_throwing_hook_drops_counts_and_reports()
    {
        using var h = new ClientHarness(o => o.BeforeSend = _ => throw new FormatException("scrubber broke"));
        Assert.DoesNotThrow(() => h.Client.Info("x"));
        Assert.That(h.Accepted, Is.Empty);
        Assert.That(h.Client.GetStats().DropReasons[DropReasons.BeforeSend], Is.EqualTo(1));
        Assert.That(h.Diagnostics.Single(d => d.Exception is FormatException).Message, Does.Contain("BeforeSend"));
    }

    [Test]
    public void Error_captures_use_the_error_hook_not_the_log_hook()
    {
        var seen = new List<string>();
        using var h = new ClientHarness(o =>
        {
            o.BeforeSendLog = j => { seen.Add("log"); return j; };
            o.BeforeSendError = j => { seen.Add("error"); return j; };
        });
        h.Client.CaptureError(new InvalidOperationException("boom"));
        Assert.That(seen, Is.EqualTo(new[] { "error" }));
        Assert.That(h.Json(h.Single()).GetProperty("error_type").GetString(), Is.EqualTo("System.InvalidOperationException"));
    }

    [Test]
    public void Logs_and_events_become_breadcrumbs_and_debug_does_not()
    {
        using var h = new ClientHarness();
        h.Client.Debug("noise");
        h.Client.Error("failed");
        h.Client.Warn("careful");
        h.Client.Notice("fyi");
        h.Client.Event("checkout.started", new Dictionary<string, string> { ["cart"] = "c_77" });
        h.Client.Counter("c");
        var crumbs = h.Client.GetBreadcrumbs();
        Assert.That(crumbs.Select(b => (b.Category, b.Message, b.Level)), Is.EqualTo(new (string?, string, string?)[]
        {
            ("log", "failed", "error"), ("log", "careful", "warning"), ("log", "fyi", "info"), ("event", "checkout.started", null),
        }));
        Assert.That(crumbs[3].Data, Is.EquivalentTo(new Dictionary<string, string> { ["cart"] = "c_77" }));
    }

    [Test]
    public void MinimumBreadcrumbLevel_limits_automatic_breadcrumbs()
    {
        using var h = new ClientHarness(o => o.MinimumBreadcrumbLevel = LogFluxLevel.Warning);
        h.Client.Info("quiet");
        h.Client.Warn("loud");
        Assert.That(h.Client.GetBreadcrumbs().Select(b => b.Message), Is.EqualTo(new[] { "loud" }));
    }

    [Test]
    public void A_rejected_entry_leaves_no_breadcrumb()
    {
        using var h = new ClientHarness(accept: _ => false);
        h.Client.Info("rejected by the queue");
        Assert.That(h.Client.GetBreadcrumbs(), Is.Empty);
    }

    [Test]
    public void CaptureError_attaches_breadcrumbs_and_keeps_the_ring()
    {
        using var h = new ClientHarness();
        h.Client.AddBreadcrumb("http", "GET /cart", new Dictionary<string, string> { ["status"] = "200" }, "info");
        h.Client.Info("loading cart");
        h.Client.CaptureError(new InvalidOperationException("Sequence contains no elements", new KeyNotFoundException("k")),
            new Dictionary<string, string> { ["sql"] = "SELECT" }, message: "checkout failed");

        var entry = (LogEntry)h.Accepted[^1].Entry!;
        Assert.Multiple(() =>
        {
            Assert.That(entry.Level, Is.EqualTo(LogFluxLevel.Error));
            Assert.That(entry.Message, Is.EqualTo("checkout failed"));
            Assert.That(entry.Attributes!["error"], Is.EqualTo("Sequence contains no elements"));
            Assert.That(entry.Attributes!["sql"], Is.EqualTo("SELECT"));
            Assert.That(entry.Error!.Breadcrumbs.Select(b => b.Message), Is.EqualTo(new[] { "GET /cart", "loading cart" }));
            Assert.That(entry.Error!.Chain, Has.Count.EqualTo(2));
            Assert.That(h.Client.GetBreadcrumbs(), Has.Count.EqualTo(2), "capturing does not clear, and adds no breadcrumb");
        });
        h.Client.ClearBreadcrumbs();
        Assert.That(h.Client.GetBreadcrumbs(), Is.Empty);
    }

    [Test]
    public void Enqueue_attaches_breadcrumbs_to_a_framework_error_and_records_it()
    {
        using var h = new ClientHarness();
        h.Client.Info("before");
        var entry = new LogEntry(LogFluxLevel.Critical, "framework failure", DateTimeOffset.UtcNow)
        {
            Error = ErrorDetails.FromException(new TimeoutException("t")),
            Logger = "App.Worker",
        };
        Assert.That(h.Client.Enqueue(entry), Is.True);
        Assert.That(entry.Error.Breadcrumbs.Select(b => b.Message), Is.EqualTo(new[] { "before" }));
        Assert.That(h.Client.GetBreadcrumbs().Select(b => b.Message), Is.EqualTo(new[] { "before", "framework failure" }));
    }

    [Test]
    public void Ring_size_follows_MaxBreadcrumbs()
    {
        using var h = new ClientHarness(o => o.MaxBreadcrumbs = 2);
        for (var i = 0; i < 5; i++) h.Client.AddBreadcrumb("c", $"m{i}");
        Assert.That(h.Client.GetBreadcrumbs().Select(b => b.Message), Is.EqualTo(new[] { "m3", "m4" }));
    }

    [Test]
    public void Metrics_audit_and_telemetry_build_their_entries()
    {
        using var h = new ClientHarness();
        h.Client.Counter("http.requests", unit: "req");
        h.Client.Distribution("latency", 12.5, unit: "ms");
        h.Client.Audit("record.deleted", "usr_1", "invoice", "inv_1", outcome: "denied");
        h.Client.Telemetry("dev_1", new[] { new TelemetryReading("cpu", 72.5, "celsius") });
        h.Client.TelemetryManaged("dev_2", Array.Empty<TelemetryReading>());

        var counter = (MetricEntry)h.Accepted[0].Entry!;
        var distribution = (MetricEntry)h.Accepted[1].Entry!;
        var audit = (AuditEntry)h.Accepted[2].Entry!;
        Assert.Multiple(() =>
        {
            Assert.That((counter.Kind, counter.Value, counter.Unit), Is.EqualTo((MetricKind.Counter, 1.0, "req")));
            Assert.That((distribution.Kind, distribution.Value), Is.EqualTo((MetricKind.Distribution, 12.5)));
            Assert.That((audit.Outcome, audit.Level), Is.EqualTo(("denied", LogFluxLevel.Notice)));
            Assert.That(h.Accepted[3].Type, Is.EqualTo(LogFluxEntryType.Telemetry));
            Assert.That(h.Accepted[4].Type, Is.EqualTo(LogFluxEntryType.TelemetryManaged));
        });
    }

    [Test]
    public void A_bad_api_key_throws_at_construction_even_in_failsafe_mode()
    {
        var options = ClientHarness.NewOptions();
        options.ApiKey = "xx-lf_nope";
        options.Failsafe = true;
        var ex = Assert.Throws<LogFluxConfigurationException>(() => _ = new LogFluxClient(options, new ClientSeams { Environment = _ => null }));
        Assert.That(ex!.Message, Does.Contain("region"));
    }

    [Test]
    public void The_constructor_copies_the_options()
    {
        using var h = new ClientHarness();
        h.Options.Source = "changed-later";
        h.Client.Info("x");
        Assert.That(h.Json(h.Single()).GetProperty("source").GetString(), Is.EqualTo("unit-tests"));
    }

    [Test]
    public void Diagnostic_event_receives_client_diagnostics()
    {
        using var h = new ClientHarness(o => o.BeforeSend = _ => throw new InvalidOperationException());
        var received = new List<LogFluxDiagnostic>();
        h.Client.Diagnostic += (_, d) => received.Add(d);
        h.Client.Info("x");
        var hookFailure = received.Single(d => d.Exception is InvalidOperationException);
        Assert.That(hookFailure.Level, Is.EqualTo(LogFluxDiagnosticLevel.Warning));
        Assert.That(hookFailure.Message, Does.Contain("BeforeSend"));
    }

    [Test]
    public void ToString_masks_the_api_key()
    {
        using var h = new ClientHarness();
        Assert.That(h.Client.ToString(), Does.Not.Contain(ClientHarness.ApiKey).And.Contain("****"));
    }

    [Test]
    public void Close_is_idempotent()
    {
        using var h = new ClientHarness();
        var first = h.Client.CloseAsync();
        Assert.That(h.Client.CloseAsync(), Is.SameAs(first));
        Assert.That(first.Wait(TimeSpan.FromSeconds(10)), Is.True);
        Assert.DoesNotThrow(() => h.Client.Dispose());
        Assert.That(h.Client.IsClosed, Is.True);
    }
}
