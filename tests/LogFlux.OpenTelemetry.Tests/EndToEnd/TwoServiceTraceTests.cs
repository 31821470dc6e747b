using System.Globalization;
using LogFlux.OpenTelemetry.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;

namespace LogFlux.OpenTelemetry.Tests.EndToEnd;

/// <summary>
/// Service A calls service B through HttpClient; the real OpenTelemetry SDK (ASP.NET Core and HttpClient
/// instrumentation, ILogger through OpenTelemetry) exports through AddLogFluxExporter() to the test receiver.
/// </summary>
public sealed class TwoServiceTraceTests : ReceiverTestBase
{
    [Test]
    public async Task A_call_to_B_is_one_trace_of_server_client_server_spans_and_the_logs_written_in_it_carry_its_ids()
    {
        // The receiver runs in this process: its own server spans are not part of the services under test.
        var receiverPort = new Uri(Server.BaseUrl).Port;
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddAspNetCoreInstrumentation(o => o.Filter = context => context.Connection.LocalPort != receiverPort)
            .AddHttpClientInstrumentation()
            .AddLogFluxExporter(o =>
            {
                UseReceiver(o);
                // A handler that creates activities and propagates headers, as a user's custom handler may.
                o.ClientOptions.CreateHttpMessageHandler = () => new SocketsHttpHandler();
            })
            .Build();
        using var logging = LoggerFactory.Create(l => l.AddOpenTelemetry(o => o.AddLogFluxExporter(e => UseReceiver(e))));
        var logA = logging.CreateLogger("Checkout.ServiceA");
        var logB = logging.CreateLogger("Orders.ServiceB");

        await using var b = await WebService.StartAsync(app => app.MapGet("/orders/{id}", (string id) =>
        {
            logB.LogInformation("B loaded order {OrderId}", id);
            return Results.Text("order " + id);
        }));
        using var toB = new HttpClient { BaseAddress = new Uri(b.BaseUrl) };
        await using var a = await WebService.StartAsync(app => app.MapGet("/checkout", async () =>
        {
            logA.LogInformation("A checking out");
            return Results.Text(await toB.GetStringAsync("/orders/42"));
        }));

        using var http = new HttpClient();
        Assert.That(await http.GetStringAsync(a.BaseUrl + "/checkout"), Is.EqualTo("order 42"));

        var aServer = await Receive(e => e.Type == "trace" && e.Operation() == "http.server" && e.SpanName() == "GET /checkout");
        var bServer = await Receive(e => e.Type == "trace" && e.Operation() == "http.server" && e.SpanName() == "GET /orders/{id}");
        var aClient = await Receive(e => e.Type == "trace" && e.Operation() == "http.client" && e.SpanId() == bServer.ParentSpanId());
        var aLog = await Receive(e => e.Type == "log" && e.Message == "A checking out");
        var bLog = await Receive(e => e.Type == "log" && e.Message == "B loaded order 42");
        var trace = aServer.TraceId();
        Assert.Multiple(() =>
        {
            Assert.That(trace, Has.Length.EqualTo(32));
            Assert.That(new[] { aClient.TraceId(), bServer.TraceId(), aLog.Attribute("trace_id"), bLog.Attribute("trace_id") }, Is.All.EqualTo(trace));
            Assert.That(aClient.ParentSpanId(), Is.EqualTo(aServer.SpanId()), "A's client span is a child of A's server span");
            Assert.That(bServer.ParentSpanId(), Is.EqualTo(aClient.SpanId()), "B's server span is a child of A's client span");
            Assert.That(aClient.SpanName(), Is.EqualTo("GET " + new Uri(b.BaseUrl).Authority + "/orders/42"));
            Assert.That(bServer.Attribute("http.route"), Is.EqualTo("/orders/{id}"));
            Assert.That(bServer.Attribute("http.response.status_code"), Is.EqualTo("200"));
            Assert.That(bServer.Attribute("span.kind"), Is.EqualTo("server"));
            Assert.That(aClient.Attribute("span.kind"), Is.EqualTo("client"));
            Assert.That(bServer.GetString("status"), Is.EqualTo("ok"));
            Assert.That(aLog.Attribute("span_id"), Is.EqualTo(aServer.SpanId()));
            Assert.That(bLog.Attribute("span_id"), Is.EqualTo(bServer.SpanId()));
            Assert.That(aLog.Logger, Is.EqualTo("Checkout.ServiceA"));
            Assert.That(bLog.Attribute("message_template"), Is.EqualTo("B loaded order {OrderId}"));
            Assert.That(bLog.Attribute("OrderId"), Is.EqualTo("42"));
            Assert.That(bLog.Level, Is.EqualTo(7));
        });

        // The client's own requests (handshake, ingest) run with instrumentation suppressed: no span of them is exported.
        Assert.That(tracing.ForceFlush(FlushTimeoutMilliseconds), Is.True, "force flush");
        Assert.That(tracing.ForceFlush(FlushTimeoutMilliseconds), Is.True, "a second flush sends whatever the first one's requests produced");
        Assert.That(Received().Where(e => e.Type == "trace" && e.Attribute("server.port") == receiverPort.ToString(CultureInfo.InvariantCulture))
            .Select(e => e.ToString()), Is.Empty);
    }
}
