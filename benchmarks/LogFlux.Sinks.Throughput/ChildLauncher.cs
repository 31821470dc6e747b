using System.Diagnostics;
using System.Text.Json;

namespace LogFlux.Sinks.Throughput;

/// <summary>Starts this program again as a child for one run and reads its <c>RESULT</c> line.</summary>
internal static class ChildLauncher
{
    private const string TieredCompilationVariable = "DOTNET_TieredCompilation";

    public static async Task<T?> RunAsync<T>(ChildArguments child, TimeSpan timeout) where T : class
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string host = Environment.ProcessPath ?? "dotnet";
        start.FileName = host;
        if (string.Equals(Path.GetFileNameWithoutExtension(host), "dotnet", StringComparison.OrdinalIgnoreCase))
            start.ArgumentList.Add(typeof(ChildLauncher).Assembly.Location);
        foreach (var arg in child.ToArgs()) start.ArgumentList.Add(arg);
        // The runtimeconfig disables tiered JIT for the orchestrator only; the environment overrides it, so the child
        // runs with the runtime default (tiered, with PGO) unless the caller set the variable explicitly.
        if (Environment.GetEnvironmentVariable(TieredCompilationVariable) is null) start.Environment[TieredCompilationVariable] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the child process.");
        T? result = null;
        var stdout = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                if (line.StartsWith(ChildProgram.ResultPrefix, StringComparison.Ordinal))
                    result = JsonSerializer.Deserialize<T>(line[ChildProgram.ResultPrefix.Length..]);
                else if (line.Length > 0)
                    Console.Error.WriteLine($"    [{child.Peer}] {line}");
            }
        });
        var stderr = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
                if (line.Length > 0) Console.Error.WriteLine($"    [{child.Peer} stderr] {line}");
        });

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"    [{child.Peer}] timed out after {timeout.TotalSeconds:F0} s; killing it");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
        }
        await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
        return result;
    }
}
