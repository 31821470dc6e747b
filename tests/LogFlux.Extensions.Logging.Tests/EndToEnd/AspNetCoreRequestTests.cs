using LogFlux.Extensions.Logging.Tests.Support;
using LogFlux.Sinks;
using LogFlux.Sinks.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LogFlux.Extensions.Logging.Tests.EndToEnd;

/// <summary>
/// An ASP.NET Core app with <c>services.AddLogFlux()</c> (the request middleware) and <c>builder.Logging.AddLogFlux()</c>
/// without an API key of its own: the provider sends through the integration's client, and an event logged during a
/// request carries the request's trace id and request id.
/// </summary>
public sealed class AspNetCoreRequestTests : ReceiverTestBase
{
    [Test]
    public async Task An_event_logged_during_a_request_carries_its_trace_id_and_request_id()
    {
        const string incomingTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddLogFlux();
        builder.Services.AddLogFlux(o => o.ClientOptions = new LogFluxOptions
        {
            ApiKey = ApiKey,
            CustomEndpointUrl = Server.BaseUrl,
            KeyPersistence = false,
            FlushInterval = TimeSpan.FromMilliseconds(50),
            Source = "mel-aspnetcore",
        });
        await using var app = builder.Build();
        app.UseLogFlux();
        app.MapGet("/orders/{id}", (string id, ILogger<AspNetCoreRequestTests> logger) =>
        {
            logger.LogInformation("Looking up order {OrderId}", id);
            return "ok";
        });
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

        using (var http = new HttpClient())
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url + "/orders/ord_7");
            request.Headers.Add("traceparent", $"00-{incomingTrace}-00f067aa0ba902b7-01");
            using var response = await http.SendAsync(request);
            Assert.That((int)response.StatusCode, Is.EqualTo(StatusCodes.Status200OK));
        }
        await app.StopAsync();

        var logged = await Receive(e => e.Message == "Looking up order ord_7");
        var span = await Receive(e => e.Type == "trace" && e.GetString("operation") == "http.server");
        Assert.Multiple(() =>
        {
            Assert.That(logged.Source, Is.EqualTo("mel-aspnetcore"), "sent through the integration's client");
            Assert.That(logged.Logger, Is.EqualTo(typeof(AspNetCoreRequestTests).FullName));
            Assert.That(logged.Attributes["trace_id"], Is.EqualTo(incomingTrace));
            Assert.That(logged.Attributes["span_id"], Is.EqualTo(span.GetString("span_id")), "the request's server span");
            Assert.That(logged.Attributes["request_id"], Is.Not.Empty, "the LogFlux request scope");
            Assert.That(logged.Attributes["RequestId"], Is.EqualTo(logged.Attributes["request_id"]), "ASP.NET Core's request scope");
            Assert.That(logged.Attributes["RequestPath"], Is.EqualTo("/orders/ord_7"));
        });
    }
}
