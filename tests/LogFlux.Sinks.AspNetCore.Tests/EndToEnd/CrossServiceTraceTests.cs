using LogFlux.Sinks.AspNetCore.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Serilog;

namespace LogFlux.Sinks.AspNetCore.Tests.EndToEnd;

/// <summary>Service A calls service B through the propagation handler; everything goes through real HTTP to the test receiver.</summary>
public sealed class CrossServiceTraceTests : ReceiverTestBase
{
    [Test]
    public async Task A_call_to_B_is_one_trace_with_server_client_server_parent_links_and_logs_on_it()
    {
        var clientA = NewClient("service-a");
        var clientB = NewClient("service-b");
        await using var b = await WebService.StartAsync(o => o.Client = clientB, app =>
            app.MapGet("/orders/{id}", (string id) =>
            {
                clientB.Info("b loaded order " + id);
                return Results.Text("order " + id);
            }));
        await using var a = await WebService.StartAsync(o => o.Client = clientA,
            app => app.MapGet("/checkout", async (IHttpClientFactory factory) =>
            {
                clientA.Info("a checking out");
                return Results.Text(await factory.CreateClient("orders").GetStringAsync("/orders/42"));
            }),
            services => services.AddHttpClient("orders", c => c.BaseAddress = new Uri(b.BaseUrl)).AddLogFluxPropagation());

        using var http = new HttpClient();
        var response = await http.GetAsync(a.BaseUrl + "/checkout");

        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("order 42"));
        var aServer = await ReceiveSpan("service-a", "http.server");
        var aClient = await ReceiveSpan("service-a", "http.client");
        var bServer = await ReceiveSpan("service-b", "http.server");
        var aLog = await Receive(e => e.Message == "a checking out");
        var bLog = await Receive(e => e.Message == "b loaded order 42");
        var trace = aServer.TraceId();
        Assert.Multiple(() =>
        {
            Assert.That(trace, Has.Length.EqualTo(32));
            Assert.That(new[] { aClient.TraceId(), bServer.TraceId(), aLog.Attribute("trace_id"), bLog.Attribute("trace_id") },
                Is.All.EqualTo(trace), "one trace across both services and their logs");
            Assert.That(aClient.ParentSpanId(), Is.EqualTo(aServer.SpanId()), "A's client span is a child of A's server span");
            Assert.That(bServer.ParentSpanId(), Is.EqualTo(aClient.SpanId()), "B's server span is a child of A's client span");
            Assert.That(aServer.SpanName(), Is.EqualTo("GET /checkout"));
            Assert.That(aClient.SpanName(), Is.EqualTo("GET " + new Uri(b.BaseUrl).Authority + "/orders/42"));
            Assert.That(bServer.SpanName(), Is.EqualTo("GET /orders/{id}"));
            Assert.That(aLog.Attribute("span_id"), Is.EqualTo(aServer.SpanId()));
            Assert.That(bLog.Attribute("span_id"), Is.EqualTo(bServer.SpanId()));
            Assert.That(aLog.Attribute("request_id"), Is.Not.Null.And.Not.Empty);
            Assert.That(bLog.Attribute("request_id"), Is.Not.Null.And.Not.Empty.And.Not.EqualTo(aLog.Attribute("request_id")));
            Assert.That(bServer.Attribute("http.status_code"), Is.EqualTo("200"));
            Assert.That(aClient.Attribute("http.status_code"), Is.EqualTo("200"));
        });
    }

    [Test]
    public async Task A_Serilog_log_in_a_request_carries_the_trace_span_and_request_id_when_it_shares_the_client()
    {
        var sinkOptions = OptionsFor("service-b");
        using var serilog = new LoggerConfiguration().WriteTo.LogFlux(o =>
        {
            o.Client.ApiKey = sinkOptions.ApiKey;
            o.Client.CustomEndpointUrl = sinkOptions.CustomEndpointUrl;
            o.Client.KeyPersistence = false;
            o.Client.FlushInterval = sinkOptions.FlushInterval;
            o.Client.ShutdownTimeout = sinkOptions.ShutdownTimeout;
            o.Client.Source = sinkOptions.Source;
        }).CreateLogger();
        string? requestId = null;
        await using (var b = await WebService.StartAsync(o => o.ClientOptions = OptionsFor("service-b"), app =>
            app.MapGet("/orders/{id}", (string id, HttpContext context) =>
            {
                requestId = context.TraceIdentifier;
                serilog.Information("Loaded order {OrderId} through Serilog", id);
                return Results.Text("ok");
            })))
        {
            using var http = new HttpClient();
            var response = await http.GetAsync(b.BaseUrl + "/orders/7");
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
        }

        var server = await ReceiveSpan("service-b", "http.server");
        var log = await Receive(e => e.Message == "Loaded order \"7\" through Serilog" || e.Message == "Loaded order 7 through Serilog");
        Assert.Multiple(() =>
        {
            Assert.That(log.Attribute("trace_id"), Is.EqualTo(server.TraceId()));
            Assert.That(log.Attribute("span_id"), Is.EqualTo(server.SpanId()));
            Assert.That(log.Attribute("request_id"), Is.EqualTo(requestId));
            Assert.That(server.Attribute("request_id"), Is.EqualTo(requestId));
        });
    }
}
