using LogFlux.Sinks.AspNetCore.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LogFlux.Sinks.AspNetCore.Tests.DependencyInjection;

/// <summary>
/// With <see cref="LogFluxOptions.Failsafe"/> on (the default) a missing or malformed API key never stops the
/// application: sending is off and one error, naming the real problem, goes to the application's log.
/// </summary>
public sealed class FailsafeStartupTests
{
    [TestCase("garbage", "Invalid API key format: must be <region>-lf_<key>")]
    [TestCase("xx-lf_abc", "Invalid API key region")]
    public async Task A_malformed_key_leaves_the_app_running_with_one_error_that_says_malformed(string key, string expected)
    {
        var lines = await RunOneRequestAsync(new LogFluxOptions { ApiKey = key });

        var errors = lines.Where(l => l.Level >= LogLevel.Error && l.Category.StartsWith("LogFlux", StringComparison.Ordinal)).ToList();
        Assert.That(errors, Has.Count.EqualTo(1), string.Join(Environment.NewLine, lines));
        Assert.That(errors[0].Text, Does.Contain("LogFlux is disabled").And.Contain(expected).And.Not.Contain("required"));
        Assert.That(errors[0].Text, Does.Not.Contain(key[3..]), "the key itself is never written");
    }

    [Test]
    public async Task A_missing_key_leaves_the_app_running_with_one_error_that_says_required()
    {
        var previous = Environment.GetEnvironmentVariable("LOGFLUX_API_KEY");
        Environment.SetEnvironmentVariable("LOGFLUX_API_KEY", null);
        IReadOnlyList<(string Category, LogLevel Level, string Text)> lines;
        try
        {
            lines = await RunOneRequestAsync(new LogFluxOptions { Source = "checkout-api" });
        }
        finally
        {
            Environment.SetEnvironmentVariable("LOGFLUX_API_KEY", previous);
        }

        var errors = lines.Where(l => l.Level >= LogLevel.Error && l.Category.StartsWith("LogFlux", StringComparison.Ordinal)).ToList();
        Assert.That(errors, Has.Count.EqualTo(1), string.Join(Environment.NewLine, lines));
        Assert.That(errors[0].Text, Does.Contain("LogFlux is disabled").And.Contain("API key is required"));
    }

    [Test]
    public void With_failsafe_off_a_malformed_key_fails_at_start_up()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddLogFlux(o => o.ClientOptions = new LogFluxOptions { ApiKey = "garbage", Failsafe = false });
        using var app = (IDisposable)builder.Build();

        var error = Assert.Throws<LogFluxConfigurationException>(() => ((WebApplication)app).UseLogFlux());

        Assert.That(error!.Message, Does.Contain("Invalid API key format"));
    }

    private static async Task<IReadOnlyList<(string Category, LogLevel Level, string Text)>> RunOneRequestAsync(LogFluxOptions options)
    {
        var capture = new CapturingLoggerProvider();
        await using (var service = await WebService.StartAsync(
            o => o.ClientOptions = options,
            app => app.MapGet("/work", () => "done"),
            services => services.AddSingleton<ILoggerProvider>(capture)))
        {
            using var http = new HttpClient();
            Assert.That(await http.GetStringAsync(service.BaseUrl + "/work"), Is.EqualTo("done"), "the application serves requests");
        }
        return capture.Lines;
    }
}
