using System.Diagnostics;
using System.Text;

namespace LogFlux.Sinks.Demo.Tests;

/// <summary>Runs the demo's tour against its embedded receiver, as a user would, and checks what it reports.</summary>
public sealed class TourTests
{
    private static readonly TimeSpan TourTimeout = TimeSpan.FromSeconds(90);

    [Test]
    [CancelAfter(120_000)]
    public async Task The_tour_delivers_every_entry_type_and_error_capture_from_the_core_and_all_three_frameworks()
    {
        var (exitCode, output) = await RunTourAsync();

        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.Multiple(() =>
        {
            foreach (var type in Enum.GetNames<LogFluxEntryType>())
            {
                Assert.That(output, Does.Contain($"   {type} ("), $"entry type {type}");
            }
            foreach (var framework in new[] { "core", "serilog", "nlog", "log4net" })
            {
                Assert.That(output, Does.Match($@"-- {framework}: \d+ entries"), $"entries of {framework}");
                Assert.That(output, Does.Contain($"-- [{framework}] System.InvalidOperationException"), $"error capture of {framework}");
                Assert.That(output, Does.Match($@"{framework}\s+sent\s+(\d+), decrypted\s+\1\r?\n"), $"delivery of {framework}");
            }
            Assert.That(output, Does.Contain("Error captures: 4"));
            Assert.That(output, Does.Match(@"\d+ breadcrumb\(s\), most recent last"));
            Assert.That(output, Does.Contain("inventory-demo continued trace"));
            Assert.That(output, Does.Match(@"All \d+ entries arrived and were decrypted by the receiver\."));
        });
    }

    private static async Task<(int ExitCode, string Output)> RunTourAsync()
    {
        var start = new ProcessStartInfo(DotnetHost)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "LogFlux.Sinks.Demo.dll"));
        // Without LOGFLUX_API_KEY the tour starts its embedded receiver; none of the caller's settings may leak in.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("LOGFLUX_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(TourTimeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The tour did not finish within {TourTimeout.TotalSeconds} s. Output so far:\n{Text(output)}");
        }
        await process.WaitForExitAsync();
        return (process.ExitCode, Text(output));
    }

    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string Text(StringBuilder output)
    {
        lock (output) return output.ToString();
    }
}
