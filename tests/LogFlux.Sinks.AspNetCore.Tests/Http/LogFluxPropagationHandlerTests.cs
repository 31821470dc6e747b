using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LogFlux.Sinks.AspNetCore.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LogFlux.Sinks.AspNetCore.Tests.Http;

/// <summary>The handler used by hand, against a plain service that echoes the propagation headers.</summary>
public sealed class LogFluxPropagationHandlerTests : ReceiverTestBase
{
    private WebService _echo = null!;

    [OneTimeSetUp]
    public async Task StartEcho() => _echo = await WebService.StartAsync(configure: null, app =>
    {
        app.MapGet("/echo", (HttpRequest request) => $"{request.Headers["X-LogFlux-Trace"]}|{request.Headers["traceparent"]}");
        app.MapGet("/status/{code:int}", (int code) => Results.StatusCode(code));
    });

    [OneTimeTearDown]
    public async Task StopEcho() => await _echo.DisposeAsync();

    [Test]
    public async Task An_outgoing_request_is_a_child_span_and_carries_both_headers_for_it()
    {
        var client = NewClient("svc");
        using var http = new HttpClient(new LogFluxPropagationHandler(client) { InnerHandler = new SocketsHttpHandler() });
        string echoed;
        string parentSpanId;
        using (var parent = client.StartSpan("job", "nightly"))
        {
            parentSpanId = parent.SpanId;
            echoed = await http.GetStringAsync(_echo.BaseUrl + "/echo?key=secret");
        }
        var span = await ReceiveSpan("svc", "http.client");
        var headers = echoed.Split('|');

        Assert.Multiple(() =>
        {
            Assert.That(span.SpanName(), Is.EqualTo("GET " + new Uri(_echo.BaseUrl).Authority + "/echo"));
            Assert.That(span.ParentSpanId(), Is.EqualTo(parentSpanId));
            Assert.That(span.Attribute("http.method"), Is.EqualTo("GET"));
            Assert.That(span.Attribute("http.url"), Is.EqualTo(_echo.BaseUrl + "/echo?key=*"));
            Assert.That(span.Attribute("http.status_code"), Is.EqualTo("200"));
            Assert.That(span.Status(), Is.EqualTo("ok"));
            Assert.That(headers[0], Is.EqualTo($"{span.TraceId()}-{span.SpanId()}-1"));
            Assert.That(headers[1], Is.EqualTo($"00-{span.TraceId()}-{span.SpanId()}-01"));
            Assert.That(client.GetBreadcrumbs().Select(b => (b.Category, b.Message)),
                Does.Contain(("http", "GET " + _echo.BaseUrl + "/echo?key=*")));
        });
    }

    [Test]
    public async Task A_5xx_response_marks_the_client_span_as_error()
    {
        var client = NewClient("svc");
        using var http = new HttpClient(new LogFluxPropagationHandler(client) { InnerHandler = new SocketsHttpHandler() });

        using var response = await http.GetAsync(_echo.BaseUrl + "/status/502");
        var span = await ReceiveSpan("svc", "http.client");

        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(502));
            Assert.That(span.Status(), Is.EqualTo("error"));
            Assert.That(span.Attribute("http.status_code"), Is.EqualTo("502"));
            Assert.That(span.ParentSpanId(), Is.Null, "no current span: a root");
        });
    }

    [Test]
    public async Task A_failed_request_marks_the_span_as_error_and_the_exception_reaches_the_caller()
    {
        var client = NewClient("svc");
        using var http = new HttpClient(new LogFluxPropagationHandler(client) { InnerHandler = new SocketsHttpHandler() });
        var closedPort = FreePort();

        Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync($"http://127.0.0.1:{closedPort}/nothing"));
        var span = await ReceiveSpan("svc", "http.client");

        Assert.Multiple(() =>
        {
            Assert.That(span.Status(), Is.EqualTo("error"));
            Assert.That(span.Attribute("error.message"), Is.Not.Null.And.Not.Empty);
            Assert.That(span.Attribute("http.status_code"), Is.Null);
        });
    }

    [Test]
    public void The_synchronous_Send_path_is_traced_too()
    {
        var client = NewClient("svc");
        using var http = new HttpClient(new LogFluxPropagationHandler(client) { InnerHandler = new SocketsHttpHandler() });

        using var response = http.Send(new HttpRequestMessage(HttpMethod.Get, _echo.BaseUrl + "/echo"));
        var echoed = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();

        var span = ReceiveSpan("svc", "http.client").GetAwaiter().GetResult();
        Assert.That(echoed, Does.StartWith($"{span.TraceId()}-{span.SpanId()}-1|"));
    }

    [Test]
    public async Task Without_any_client_the_current_activity_is_still_propagated()
    {
        Assert.That(LogFluxSdk.Client, Is.Null, "precondition: no global client");
        using var http = new HttpClient(new LogFluxPropagationHandler() { InnerHandler = new SocketsHttpHandler() });
        using var activity = new Activity("outer").SetIdFormat(ActivityIdFormat.W3C).Start();

        var echoed = await http.GetStringAsync(_echo.BaseUrl + "/echo");

        Assert.That(echoed, Does.StartWith($"{activity.TraceId.ToHexString()}-{activity.SpanId.ToHexString()}-1|"));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
