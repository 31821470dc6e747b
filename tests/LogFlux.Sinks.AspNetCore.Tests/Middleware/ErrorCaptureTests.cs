using LogFlux.Sinks.AspNetCore.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LogFlux.Sinks.AspNetCore.Tests.Middleware;

public sealed class ErrorCaptureTests : ReceiverTestBase
{
    [Test]
    public async Task An_unhandled_exception_gives_a_500_an_error_capture_with_breadcrumbs_and_an_error_span()
    {
        var client = NewClient("svc");
        await using var service = await WebService.StartAsync(o => o.Client = client, app =>
            app.MapGet("/orders/{id}/pay", (string id) =>
            {
                client.Info("charging order " + id);
                throw new InvalidOperationException("Payment provider unavailable");
            }));

        using var http = new HttpClient();
        var response = await http.GetAsync(service.BaseUrl + "/orders/9/pay");

        Assert.That((int)response.StatusCode, Is.EqualTo(500));
        var span = await ReceiveSpan("svc", "http.server");
        var error = await Receive(e => e.GetString("error_type") == typeof(InvalidOperationException).FullName);
        var breadcrumbs = error.Json.GetProperty("breadcrumbs").EnumerateArray().Select(b => b.GetProperty("message").GetString()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(error.Level, Is.EqualTo(4));
            Assert.That(error.Message, Is.EqualTo("Payment provider unavailable"));
            Assert.That(error.Json.GetProperty("stack_trace").GetArrayLength(), Is.GreaterThan(0));
            Assert.That(breadcrumbs, Does.Contain("charging order 9"));
            Assert.That(error.Attribute("trace_id"), Is.EqualTo(span.TraceId()));
            Assert.That(error.Attribute("span_id"), Is.EqualTo(span.SpanId()));
            Assert.That(error.Attribute("request_id"), Is.Not.Null.And.Not.Empty);
            Assert.That(error.Attribute("http.status_code"), Is.EqualTo("500"));
            Assert.That(span.Status(), Is.EqualTo("error"));
            Assert.That(span.Attribute("error.message"), Is.EqualTo("Payment provider unavailable"));
            Assert.That(span.Attribute("http.status_code"), Is.EqualTo("500"));
            Assert.That(span.SpanName(), Is.EqualTo("GET /orders/{id}/pay"));
            Assert.That(service.Counters.CapturedErrors, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task With_RecordExceptions_off_the_span_is_marked_but_no_capture_is_sent()
    {
        var client = NewClient("svc");
        await using var service = await WebService.StartAsync(o => { o.Client = client; o.RecordExceptions = false; }, app =>
            app.MapGet("/boom", string () => throw new InvalidOperationException("boom")));

        using var http = new HttpClient();
        var response = await http.GetAsync(service.BaseUrl + "/boom");
        var span = await ReceiveSpan("svc", "http.server");
        await FlushAsync(client);

        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(500));
            Assert.That(span.Status(), Is.EqualTo("error"));
            Assert.That(Received().Where(e => e.Type == "log"), Is.Empty);
            Assert.That(service.Counters.CapturedErrors, Is.Zero);
        });
    }

    [Test]
    public async Task A_5xx_response_without_exception_marks_the_span_as_error_and_a_4xx_does_not()
    {
        var client = NewClient("svc");
        await using var service = await WebService.StartAsync(o => o.Client = client, app =>
        {
            app.MapGet("/unavailable", () => Results.StatusCode(503));
            app.MapGet("/missing", () => Results.NotFound());
        });

        using var http = new HttpClient();
        await http.GetAsync(service.BaseUrl + "/unavailable");
        await http.GetAsync(service.BaseUrl + "/missing");
        var unavailable = await Receive(e => e.Type == "trace" && e.SpanName() == "GET /unavailable");
        var missing = await Receive(e => e.Type == "trace" && e.SpanName() == "GET /missing");

        Assert.Multiple(() =>
        {
            Assert.That(unavailable.Status(), Is.EqualTo("error"));
            Assert.That(unavailable.Attribute("http.status_code"), Is.EqualTo("503"));
            Assert.That(missing.Status(), Is.EqualTo("ok"));
            Assert.That(missing.Attribute("http.status_code"), Is.EqualTo("404"));
        });
    }
}
