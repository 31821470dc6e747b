using LogFlux.Sinks.AspNetCore.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LogFlux.Sinks.AspNetCore.Tests.Middleware;

public sealed class ServerSpanTests : ReceiverTestBase
{
    [Test]
    public async Task The_span_is_named_after_the_route_template_and_records_method_route_url_status_and_duration()
    {
        var client = NewClient("svc");
        await using var service = await WebService.StartAsync(o => o.Client = client, app =>
            app.MapGet("/orders/{id}", (string id) => Results.Text(id)));

        using var http = new HttpClient();
        await http.GetAsync(service.BaseUrl + "/orders/42?token=secret&page=2&flag");
        var span = await ReceiveSpan("svc", "http.server");

        Assert.Multiple(() =>
        {
            Assert.That(span.SpanName(), Is.EqualTo("GET /orders/{id}"));
            Assert.That(span.Attribute("http.method"), Is.EqualTo("GET"));
            Assert.That(span.Attribute("http.route"), Is.EqualTo("/orders/{id}"));
            Assert.That(span.Attribute("http.url"), Is.EqualTo(service.BaseUrl + "/orders/42?token=*&page=*&flag"));
            Assert.That(span.Attribute("http.status_code"), Is.EqualTo("200"));
            Assert.That(span.Status(), Is.EqualTo("ok"));
            Assert.That(span.ParentSpanId(), Is.Not.Null, "joins ASP.NET Core's request activity");
            Assert.That(span.Json.GetProperty("duration_ms").GetInt64(), Is.GreaterThanOrEqualTo(0));
            Assert.That(span.Attribute("request_id"), Is.Not.Null.And.Not.Empty);
        });
    }

    [Test]
    public async Task Query_values_are_kept_when_asked_for()
    {
        var client = NewClient("svc");
        await using var service = await WebService.StartAsync(o => { o.Client = client; o.IncludeQueryStringValues = true; }, app =>
            app.MapGet("/search", () => "ok"));

        using var http = new HttpClient();
        await http.GetAsync(service.BaseUrl + "/search?q=shoes&page=2");
        var span = await ReceiveSpan("svc", "http.server");

        Assert.That(span.Attribute("http.url"), Is.EqualTo(service.BaseUrl + "/search?q=shoes&page=2"));
    }

    [Test]
    public async Task A_request_that_matches_no_route_is_named_after_its_path()
    {
        var client = NewClient("svc");
        await using var service = await WebService.StartAsync(o => o.Client = client, app => app.MapGet("/known", () => "ok"));

        using var http = new HttpClient();
        await http.GetAsync(service.BaseUrl + "/unknown/thing");
        var span = await ReceiveSpan("svc", "http.server");

        Assert.Multiple(() =>
        {
            Assert.That(span.SpanName(), Is.EqualTo("GET /unknown/thing"));
            Assert.That(span.Attribute("http.route"), Is.Null);
            Assert.That(span.Attribute("http.status_code"), Is.EqualTo("404"));
        });
    }

    [Test]
    public async Task Excluded_paths_produce_nothing()
    {
        var client = NewClient("svc");
        await using var service = await WebService.StartAsync(o => { o.Client = client; o.ExcludedPaths.Add("internal/"); }, app =>
        {
            app.MapGet("/health", () => "ok");
            app.MapGet("/healthz", () => "ok");
            app.MapGet("/metrics/prometheus", () => "ok");
            app.MapGet("/internal/state", () => "ok");
            app.MapGet("/healthcheck", () => "ok");
        });

        using var http = new HttpClient();
        foreach (var path in new[] { "/health", "/HEALTHZ", "/metrics/prometheus", "/internal/state", "/healthcheck" })
        {
            Assert.That((int)(await http.GetAsync(service.BaseUrl + path)).StatusCode, Is.EqualTo(200), path);
        }
        await ReceiveSpan("svc", "http.server");
        await FlushAsync(client);

        Assert.Multiple(() =>
        {
            Assert.That(Received().Select(e => e.SpanName()), Is.EqualTo(new[] { "GET /healthcheck" }), "only the path that merely starts with the same letters is traced");
            Assert.That(service.Counters.ExcludedRequests, Is.EqualTo(4));
            Assert.That(service.Counters.TracedRequests, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task SampleRate_zero_records_no_span_for_a_new_trace_but_logs_still_carry_its_ids_and_the_flag_0_travels_on()
    {
        var client = NewClient("svc");
        string? outgoingHeader = null;
        await using var service = await WebService.StartAsync(o => { o.Client = client; o.SampleRate = 0; }, app =>
            app.MapGet("/work", () =>
            {
                outgoingHeader = LogFluxTraceContext.CurrentTraceHeader;
                client.Info("working");
                return "ok";
            }));

        using var http = new HttpClient();
        await http.GetAsync(service.BaseUrl + "/work");
        var log = await Receive(e => e.Message == "working");
        await FlushAsync(client);

        Assert.Multiple(() =>
        {
            Assert.That(Received().Where(e => e.Type == "trace"), Is.Empty);
            Assert.That(outgoingHeader, Does.EndWith("-0"));
            Assert.That(outgoingHeader, Does.StartWith(log.Attribute("trace_id") + "-" + log.Attribute("span_id")));
            Assert.That(client.GetStats().EntriesSampledOut, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task SampleRate_does_not_override_the_decision_of_an_incoming_trace()
    {
        var client = NewClient("svc");
        await using var service = await WebService.StartAsync(o => { o.Client = client; o.SampleRate = 0; }, app => app.MapGet("/work", () => "ok"));

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, service.BaseUrl + "/work");
        request.Headers.Add("X-LogFlux-Trace", "4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1");
        await http.SendAsync(request);
        var span = await ReceiveSpan("svc", "http.server");

        Assert.That(span.TraceId(), Is.EqualTo("4bf92f3577b34da6a3ce929d0e0e4736"));
    }
}
