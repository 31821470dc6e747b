using System.Diagnostics;
using log4net.Appender.LogFlux.Tests.Support;

namespace log4net.Appender.LogFlux.Tests;

/// <summary>A process that ends without calling LogManager.Shutdown still delivers what it logged (log4net's exit hook).</summary>
public sealed class ProcessExitTests : ReceiverFixture
{
    [Test]
    public async Task SampleEndingWithoutShutdown_DeliversEveryAcceptedEntry()
    {
        var apiKey = Log4NetHarness.NewApiKey();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "log4net.Sample.dll"));
        start.ArgumentList.Add("--no-shutdown");
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("LOGFLUX_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }
        start.Environment["LOGFLUX_API_KEY"] = apiKey;
        start.Environment["LOGFLUX_CUSTOM_ENDPOINT_URL"] = Server.BaseUrl;
        start.Environment["LOGFLUX_KEY_PERSISTENCE"] = "false";
        // The default 5 s flush interval is far longer than the program runs: only the exit flush can send.

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        var stdout = await output;
        var stderr = await errors;

        var received = Server.Entries.Where(e => e.ApiKey == apiKey).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(process.ExitCode, Is.Zero, stderr);
            Assert.That(received.Where(e => e.Type == "log").Select(e => e.Message),
                Is.EquivalentTo(new[] { "order received", "writing the order", "payment failed" }), stdout);
            Assert.That(received.Count(e => e.Type == "metric"), Is.EqualTo(2));
            Assert.That(received.Count(e => e.Type == "trace"), Is.EqualTo(2));
            Assert.That(received.Count(e => e.Type == "event"), Is.EqualTo(1));
            Assert.That(received.Count(e => e.Type == "audit"), Is.EqualTo(1));
        });
    }
}
