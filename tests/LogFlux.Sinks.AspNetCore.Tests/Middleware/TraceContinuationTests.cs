using System.Diagnostics;
using LogFlux.Sinks.AspNetCore.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace LogFlux.Sinks.AspNetCore.Tests.Middleware;

/// <summary>How the server span continues incoming headers and agrees with ASP.NET Core's own request activity.</summary>
public sealed class TraceContinuationTests : ReceiverTestBase
{
    private const string IncomingTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string IncomingSpan = "00f067aa0ba902b7";
    private const string OtherTrace = "0af7651916cd43dd8448eb211c80319c";
    private const string OtherSpan = "b7ad6b7169203331";

    private LogFluxClient _client = null!;
    private WebService _service = null!;
    private IdsSeen? _seen;

    [SetUp]
    public async Task StartService()
    {
        _client = NewClient("svc");
        _seen = null;
        _service = await WebService.StartAsync(o => o.Client = _client, app =>
            app.MapGet("/ids", (HttpContext context) =>
            {
                var hosting = context.Features.Get<IHttpActivityFeature>()?.Activity;
                _seen = new IdsSeen(
                    hosting?.TraceId.ToHexString(), hosting?.SpanId.ToHexString(),
                    Activity.Current?.TraceId.ToHexString(), Activity.Current?.SpanId.ToHexString(),
                    _client.CurrentSpan?.TraceId, _client.CurrentSpan?.SpanId);
                _client.Info("inside");
                return "ok";
            }));
    }

    [TearDown]
    public async Task StopService() => await _service.DisposeAsync();

    [Test]
    public async Task A_traceparent_is_continued_sharing_the_trace_id_with_the_AspNetCore_activity()
    {
        var response = await GetIdsAsync(("traceparent", $"00-{IncomingTrace}-{IncomingSpan}-01"));
        var span = await ReceiveSpan("svc", "http.server");
        var log = await Receive(e => e.Message == "inside");

        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
            Assert.That(_seen!.HostingTrace, Is.EqualTo(IncomingTrace), "ASP.NET Core extracted the traceparent");
            Assert.That(span.TraceId(), Is.EqualTo(IncomingTrace));
            Assert.That(span.ParentSpanId(), Is.EqualTo(IncomingSpan), "the caller's span is the parent");
            AssertLogsSeeOneContext(span, log);
        });
    }

    [Test]
    public async Task X_LogFlux_Trace_wins_over_traceparent()
    {
        await GetIdsAsync(("X-LogFlux-Trace", $"{IncomingTrace}-{IncomingSpan}-1"), ("traceparent", $"00-{OtherTrace}-{OtherSpan}-01"));
        var span = await ReceiveSpan("svc", "http.server");
        var log = await Receive(e => e.Message == "inside");

        Assert.Multiple(() =>
        {
            Assert.That(_seen!.HostingTrace, Is.EqualTo(OtherTrace), "ASP.NET Core only reads traceparent");
            Assert.That(span.TraceId(), Is.EqualTo(IncomingTrace));
            Assert.That(span.ParentSpanId(), Is.EqualTo(IncomingSpan));
            AssertLogsSeeOneContext(span, log);
        });
    }

    [Test]
    public async Task Without_a_header_the_span_joins_the_AspNetCore_request_activity()
    {
        await GetIdsAsync();
        var span = await ReceiveSpan("svc", "http.server");
        var log = await Receive(e => e.Message == "inside");

        Assert.Multiple(() =>
        {
            Assert.That(span.TraceId(), Is.EqualTo(_seen!.HostingTrace));
            Assert.That(span.ParentSpanId(), Is.EqualTo(_seen.HostingSpan));
            Assert.That(_service.Counters.MalformedTraceHeaders, Is.Zero);
            AssertLogsSeeOneContext(span, log);
        });
    }

    [TestCase("X-LogFlux-Trace", "not-a-trace")]
    [TestCase("X-LogFlux-Trace", "4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-1")]
    [TestCase("traceparent", "00-zzzz-1234-01")]
    public async Task A_malformed_header_starts_a_new_trace_is_counted_and_the_request_succeeds(string header, string value)
    {
        var response = await GetIdsAsync((header, value));
        var span = await ReceiveSpan("svc", "http.server");

        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
            Assert.That(span.ParentSpanId(), Is.Null, "a new root");
            Assert.That(span.TraceId(), Has.Length.EqualTo(32).And.Not.EqualTo(IncomingTrace));
            Assert.That(_service.Counters.MalformedTraceHeaders, Is.EqualTo(1));
            Assert.That(_seen!.ActivityTrace, Is.EqualTo(span.TraceId()));
        });
    }

    private static void AssertLogsSeeOneContext(Testing.ReceivedEntry span, Testing.ReceivedEntry log)
    {
        Assert.That(log.Attribute("trace_id"), Is.EqualTo(span.TraceId()));
        Assert.That(log.Attribute("span_id"), Is.EqualTo(span.SpanId()));
    }

    private async Task<HttpResponseMessage> GetIdsAsync(params (string Name, string Value)[] headers)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, _service.BaseUrl + "/ids");
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        var response = await http.SendAsync(request);
        Assert.That(_seen, Is.Not.Null, "the endpoint ran");
        Assert.Multiple(() =>
        {
            Assert.That(_seen!.ActivityTrace, Is.EqualTo(_seen.LogFluxTrace), "Activity.Current and the LogFlux span agree on the trace");
            Assert.That(_seen.ActivitySpan, Is.EqualTo(_seen.LogFluxSpan), "Activity.Current and the LogFlux span agree on the span");
        });
        return response;
    }

    private sealed record IdsSeen(string? HostingTrace, string? HostingSpan, string? ActivityTrace, string? ActivitySpan, string? LogFluxTrace, string? LogFluxSpan);
}
