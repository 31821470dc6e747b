namespace LogFlux.Sinks.Core.Tests.Client;

public class ScopeTests
{
    [Test]
    public void Nested_scopes_inherit_and_override_parent_attributes()
    {
        using var h = new ClientHarness();
        using (var outer = h.Client.BeginScope())
        {
            outer.SetAttribute("a", "outer").SetAttribute("b", "outer");
            using (var inner = h.Client.BeginScope())
            {
                inner.SetAttribute("b", "inner");
                Assert.That(h.Client.CurrentScope, Is.SameAs(inner));
                h.Client.Info("x");
            }
            Assert.That(h.Client.CurrentScope, Is.SameAs(outer));
        }
        Assert.That(h.Client.CurrentScope, Is.Null);
        Assert.That(h.Single().Entry!.Attributes, Is.EquivalentTo(new Dictionary<string, string> { ["a"] = "outer", ["b"] = "inner" }));
    }

    [Test]
    public void Helper_setters_write_the_documented_attributes()
    {
        using var h = new ClientHarness();
        using var scope = h.Client.BeginScope();
        scope.SetUser("usr_42").SetRequest("GET", "/api/users", "").SetTraceContext("t", "s")
            .SetAttributes(new Dictionary<string, string> { ["k"] = "v" });
        Assert.That(scope.Attributes, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["user.id"] = "usr_42", ["http.method"] = "GET", ["http.path"] = "/api/users", ["trace_id"] = "t", ["span_id"] = "s", ["k"] = "v",
        }));
    }

    [Test]
    public async Task Scopes_are_isolated_between_parallel_flows()
    {
        using var h = new ClientHarness();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await h.Client.WithScopeAsync(async scope =>
            {
                scope.SetAttribute("worker", i.ToString());
                await start.Task;
                h.Client.Info($"from {i}");
            });
            return h.Client.CurrentScope;
        })).ToList();
        start.SetResult();
        var after = await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(after, Is.All.Null);
        Assert.That(h.Accepted, Has.Count.EqualTo(8));
        foreach (var pending in h.Accepted)
        {
            var entry = (LogEntry)pending.Entry!;
            Assert.That(entry.Message, Is.EqualTo("from " + entry.Attributes!["worker"]));
        }
    }

    [Test]
    public void WithScope_ends_the_scope_even_when_the_action_throws()
    {
        using var h = new ClientHarness();
        Assert.Throws<InvalidOperationException>(() => h.Client.WithScope(_ => throw new InvalidOperationException()));
        Assert.That(h.Client.CurrentScope, Is.Null);
    }

    [Test]
    public void Scope_sends_use_the_scope_ring_for_breadcrumbs()
    {
        using var h = new ClientHarness();
        h.Client.Info("global crumb");
        using (var scope = h.Client.BeginScope())
        {
            scope.SetUser("u1");
            scope.AddBreadcrumb("nav", "opened cart");
            scope.Info("scope log");
            scope.Event("scope.event");
            scope.CaptureError(new InvalidOperationException("boom"));
        }
        var error = (LogEntry)h.Accepted[^1].Entry!;
        Assert.That(error.Error!.Breadcrumbs.Select(b => b.Message), Is.EqualTo(new[] { "opened cart", "scope log", "scope.event" }));
        Assert.That(error.Attributes!["user.id"], Is.EqualTo("u1"));
        Assert.That(h.Client.GetBreadcrumbs().Select(b => b.Message), Is.EqualTo(new[] { "global crumb" }));
    }

    [Test]
    public void Disposing_an_outer_scope_first_restores_its_parent()
    {
        using var h = new ClientHarness();
        var outer = h.Client.BeginScope();
        var inner = h.Client.BeginScope();
        outer.Dispose();
        Assert.That(h.Client.CurrentScope, Is.Null);
        inner.Dispose();
        Assert.That(h.Client.CurrentScope, Is.Null);
    }

    [Test]
    public void Scopes_of_different_clients_do_not_mix()
    {
        using var a = new ClientHarness();
        using var b = new ClientHarness();
        using var scope = a.Client.BeginScope();
        scope.SetAttribute("only", "a");
        b.Client.Info("b");
        Assert.That(b.Single().Entry!.Attributes, Is.Null);
        Assert.That(b.Client.CurrentScope, Is.Null);
    }
}
