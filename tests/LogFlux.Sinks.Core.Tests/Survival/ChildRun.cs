using System.Diagnostics;

namespace LogFlux.Sinks.Core.Tests.Survival;

/// <summary>
/// A run of the child process (tests/LogFlux.Sinks.ChildProcess): collects its "wrote N" lines (with waiters),
/// its final "stats ..." line and its standard error.
/// </summary>
internal sealed class ChildRun : IDisposable
{
    private readonly Process _process;
    private readonly object _gate = new();
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = new();
    private readonly System.Text.StringBuilder _errors = new();
    private int _written;
    private ChildStats? _stats;

    private ChildRun(Process process) => _process = process;

    public int Written => Volatile.Read(ref _written);

    /// <summary>The child's final stats line, if it printed one.</summary>
    public ChildStats? Stats => Volatile.Read(ref _stats);

    public string Errors
    {
        get
        {
            lock (_errors) return _errors.ToString();
        }
    }

    /// <summary>Starts <c>dotnet &lt;child dll&gt; arguments...</c> with the given extra environment variables.</summary>
    public static ChildRun Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(ChildPath());
        foreach (var arg in arguments) info.ArgumentList.Add(arg);
        if (environment is not null)
        {
            foreach (var (name, value) in environment) info.Environment[name] = value;
        }
        var process = new Process { StartInfo = info };
        var run = new ChildRun(process);
        process.OutputDataReceived += (_, e) => run.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (run._errors) run._errors.AppendLine(e.Data);
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return run;
    }

    public async Task WaitForWrittenAsync(int count, TimeSpan timeout)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            if (_written >= count) return;
            signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
        }
        await signal.Task.WaitAsync(timeout);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        // The parameterless wait also drains the redirected output, so the final stats line has been read.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Sends a POSIX signal (e.g. 15, SIGTERM) to the child, as <c>kill -TERM</c> or a container stop does.</summary>
    public void Signal(int signal)
    {
        if (SignalNative.Kill(_process.Id, signal) != 0) throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
    }

    /// <summary>SIGKILL on Unix: no exit hooks run.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        if (ChildStats.TryParse(line) is { } stats)
        {
            Volatile.Write(ref _stats, stats);
            return;
        }
        if (!line.StartsWith("wrote ", StringComparison.Ordinal) || !int.TryParse(line.AsSpan(6), out var n)) return;
        lock (_gate)
        {
            _written = Math.Max(_written, n);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Count > _written) continue;
                _waiters[i].Signal.TrySetResult();
                _waiters.RemoveAt(i);
            }
        }
    }

    private static string ChildPath()
    {
        var testDirectory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        // .../tests/LogFlux.Sinks.Core.Tests/bin/<Configuration>/net10.0
        var configuration = testDirectory.Parent!.Name;
        var tests = testDirectory.Parent.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(tests, "LogFlux.Sinks.ChildProcess", "bin", configuration, "net10.0", "LogFlux.Sinks.ChildProcess.dll");
        if (!File.Exists(path)) Assert.Fail($"The child process is not built: {path} (build the solution).");
        return path;
    }
}

/// <summary>libc <c>kill(2)</c>: .NET has no API to send a signal other than SIGKILL to another process.</summary>
internal static class SignalNative
{
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    internal static extern int Kill(int pid, int signal);
}
