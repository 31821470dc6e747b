using System.Diagnostics;
using LogFlux.Sinks.Testing;

namespace LogFlux.Sinks.Core.Tests.Survival;

/// <summary>
/// Process-level survival: a child process (tests/LogFlux.Sinks.ChildProcess) logs through an adapter to the
/// test receiver and reports each completed write; the test ends it normally or kills it and counts what arrived.
/// </summary>
public class ChildProcessSurvivalTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);

    [TestCase("nlog")]
    [TestCase("log4net")]
    [TestCase("core")]
    public async Task A_child_that_exits_normally_without_an_explicit_flush_loses_nothing(string adapter)
    {
        const int count = 300;
        await using var server = await LogFluxTestServer.StartAsync();
        using var child = ChildRun.Start(adapter, server.BaseUrl, count, bufferPath: null);
        var exit = await child.WaitForExitAsync(s_wait);

        var delivered = Unique(server, out var duplicates);
        TestContext.Out.WriteLine($"{adapter}: exit {exit}, logged {child.Written}, delivered {delivered.Count}, duplicated {duplicates}, dropped {child.Written - delivered.Count}");
        Assert.That(exit, Is.Zero, child.Errors);
        Assert.That(child.Written, Is.EqualTo(count));
        Assert.That(delivered, Has.Count.EqualTo(count), "the framework's exit hook delivered everything");
    }

    /// <summary>Serilog has no exit hook: the child calls <c>Log.CloseAndFlush()</c> as applications must.</summary>
    [Test]
    public Task A_serilog_child_that_closes_its_logger_loses_nothing() =>
        A_child_that_exits_normally_without_an_explicit_flush_loses_nothing("serilog");

    [Test]
    public async Task With_the_durable_buffer_a_killed_child_loses_nothing_it_reported_written()
    {
        var directory = Path.Combine(Path.GetTempPath(), "lf-child-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var server = await LogFluxTestServer.StartAsync();
            int reported;
            using (var first = ChildRun.Start("core", server.BaseUrl, 100_000, directory, delayMs: 1))
            {
                await first.WaitForWrittenAsync(400, s_wait);
                first.Kill();
                reported = first.Written;
            }
            var beforeRestart = Unique(server, out _).Count;

            // The second run replays the buffer first (same stream, older records), then sends its own entries and closes.
            using var second = ChildRun.Start("core", server.BaseUrl, 20, directory, delayMs: 50, prefix: "second");
            Assert.That(await second.WaitForExitAsync(s_wait), Is.Zero, second.Errors);

            var delivered = Unique(server, out var duplicates);
            var missing = Enumerable.Range(0, reported).Count(i => !delivered.Contains($"child-{i}"));
            TestContext.Out.WriteLine($"killed after {reported} reported writes; delivered {beforeRestart} before the restart, {delivered.Count} unique in total, duplicated {duplicates}, missing {missing}");
            Assert.That(missing, Is.Zero, "every write reported before the kill arrives");
            Assert.That(delivered.Count(m => m.StartsWith("second-", StringComparison.Ordinal)), Is.EqualTo(20));
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    private static HashSet<string> Unique(LogFluxTestServer server, out int duplicates)
    {
        var unique = new HashSet<string>(StringComparer.Ordinal);
        var all = 0;
        foreach (var entry in server.Entries)
        {
            all++;
            unique.Add(entry.Json.GetProperty("message").GetString()!);
        }
        duplicates = all - unique.Count;
        return unique;
    }

    private sealed class ChildRun : IDisposable
    {
        private readonly Process _process;
        private readonly object _gate = new();
        private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = new();
        private readonly System.Text.StringBuilder _errors = new();
        private int _written;

        private ChildRun(Process process) => _process = process;

        public int Written => Volatile.Read(ref _written);

        public string Errors
        {
            get
            {
                lock (_errors) return _errors.ToString();
            }
        }

        public static ChildRun Start(string adapter, string url, int count, string? bufferPath, int delayMs = 0, string prefix = "child")
        {
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { ChildPath(), adapter, url, count.ToString(), bufferPath ?? "-", delayMs.ToString(), prefix }) info.ArgumentList.Add(arg);
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
            return _process.ExitCode;
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
            if (line is null || !line.StartsWith("wrote ", StringComparison.Ordinal) || !int.TryParse(line.AsSpan(6), out var n)) return;
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
}
