using LogFlux.Sinks.AspNetCore.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace LogFlux.Sinks.AspNetCore.Tests.DependencyInjection;

public sealed class RegistrationTests : ReceiverTestBase
{
    [Test]
    public void UseLogFlux_without_AddLogFlux_says_what_is_missing()
    {
        var builder = WebApplication.CreateSlimBuilder();
        using var app = (IDisposable)builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => ((WebApplication)app).UseLogFlux());

        Assert.That(error!.Message, Does.Contain("AddLogFlux"));
    }

    [Test]
    public void Invalid_client_options_with_failsafe_off_fail_at_start_up_without_revealing_the_key()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddLogFlux(o => o.ClientOptions = new LogFluxOptions { ApiKey = "eu-nonsense-secretvalue", Failsafe = false });
        using var app = (IDisposable)builder.Build();

        var error = Assert.Throws<LogFluxConfigurationException>(() => ((WebApplication)app).UseLogFlux());

        Assert.That(error!.Message, Does.Not.Contain("secretvalue"));
    }

    [Test]
    public async Task Without_any_client_requests_pass_through_untraced_and_are_counted()
    {
        Assert.That(LogFluxSdk.Client, Is.Null, "precondition: no global client");
        await using var service = await WebService.StartAsync(_ => { }, app => app.MapGet("/work", () => "done"));

        using var http = new HttpClient();
        var body = await http.GetStringAsync(service.BaseUrl + "/work");

        Assert.Multiple(() =>
        {
            Assert.That(body, Is.EqualTo("done"));
            Assert.That(service.Counters.RequestsWithoutClient, Is.EqualTo(1));
            Assert.That(service.Counters.TracedRequests, Is.Zero);
        });
    }

    [Test]
    public async Task Without_options_the_client_of_LogFlux_Init_is_used()
    {
        LogFluxSdk.Init(OptionsFor("global-svc"));
        try
        {
            await using var service = await WebService.StartAsync(_ => { }, app => app.MapGet("/work", () => "done"));
            using var http = new HttpClient();
            await http.GetStringAsync(service.BaseUrl + "/work");

            var span = await ReceiveSpan("global-svc", "http.server");
            Assert.That(span.SpanName(), Is.EqualTo("GET /work"));
        }
        finally
        {
            await LogFluxSdk.CloseAsync();
        }
    }

    [Test]
    public async Task Client_options_use_the_shared_client_and_release_it_when_the_application_stops()
    {
        var options = OptionsFor("shared-svc");
        LogFluxClient client;
        await using (var service = await WebService.StartAsync(o => o.ClientOptions = options, app => app.MapGet("/work", () => "done")))
        {
            using var lease = LogFluxClientRegistry.Acquire(options);
            client = lease.Client;
            using var http = new HttpClient();
            await http.GetStringAsync(service.BaseUrl + "/work");
            await ReceiveSpan("shared-svc", "http.server");
        }

        Assert.That(client.IsClosed, Is.True, "the last lease (the application's) closed the client");
    }
}
