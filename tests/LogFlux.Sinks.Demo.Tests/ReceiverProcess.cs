using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Threading.Channels;

namespace LogFlux.Sinks.Demo.Tests;

/// <summary>The demo's <c>receive</c> command in a child process, with its stdout and stderr lines awaitable.</summary>
internal sealed partial class ReceiverProcess : IAsyncDisposable
{
    private static readonly TimeSpan LineTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly Channel<string> _stdout = Channel.CreateUnbounded<string>();
    private readonly Channel<string> _stderr = Channel.CreateUnbounded<string>();
    private readonly List<string> _seen = [];

    private ReceiverProcess(Process process) => _process = process;

    public string BaseUrl { get; private set; } = string.Empty;

    public static async Task<ReceiverProcess> StartAsync(params string[] options)
    {
        var start = new ProcessStartInfo(DotnetHost)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "LogFlux.Sinks.Demo.dll"));
        start.ArgumentList.Add("receive");
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add("0");
        foreach (var option in options) start.ArgumentList.Add(option);

        var receiver = new ReceiverProcess(new Process { StartInfo = start });
        receiver._process.OutputDataReceived += (_, e) => receiver.Collect(receiver._stdout, e.Data);
        receiver._process.ErrorDataReceived += (_, e) => receiver.Collect(receiver._stderr, e.Data);
        receiver._process.Start();
        receiver._process.BeginOutputReadLine();
        receiver._process.BeginErrorReadLine();

        bool json = options.Contains("--json");
        var listening = await receiver.ReadLineAsync(json ? receiver._stderr : receiver._stdout, l => l.StartsWith("LogFlux local receiver listening on ", StringComparison.Ordinal));
        receiver.BaseUrl = listening["LogFlux local receiver listening on ".Length..];
        return receiver;
    }

    /// <summary>Waits for the next stdout line that matches (lines before it are skipped).</summary>
    public Task<string> StdoutLineAsync(Func<string, bool> match) => ReadLineAsync(_stdout, match);

    /// <summary>Waits for the next stderr line that matches (lines before it are skipped).</summary>
    public Task<string> StderrLineAsync(Func<string, bool> match) => ReadLineAsync(_stderr, match);

    /// <summary>The next stdout line, whatever it is.</summary>
    public Task<string> NextStdoutLineAsync() => ReadLineAsync(_stdout, _ => true);

    public static string? UrlIn(string line) => WebViewUrl().Match(line) is { Success: true } m ? m.Value : null;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Collect(Channel<string> channel, string? line)
    {
        if (line is null) return;
        lock (_seen) _seen.Add(line);
        channel.Writer.TryWrite(line);
    }

    private async Task<string> ReadLineAsync(Channel<string> channel, Func<string, bool> match)
    {
        using var timeout = new CancellationTokenSource(LineTimeout);
        try
        {
            while (true)
            {
                string line = await channel.Reader.ReadAsync(timeout.Token);
                if (match(line)) return line;
            }
        }
        catch (OperationCanceledException)
        {
            string seen;
            lock (_seen) seen = string.Join("\n", _seen);
            throw new TimeoutException($"The receiver printed no matching line within {LineTimeout.TotalSeconds} s. Output so far:\n{seen}");
        }
    }

    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/ui/\?t=[0-9a-f]+")]
    private static partial Regex WebViewUrl();
}
