using System.Diagnostics;
using System.Globalization;
using LogFlux.Sinks.Testing;

namespace LogFlux.Sinks.Core.Tests.Survival;

/// <summary>
/// Two child processes (tests/LogFlux.Sinks.ChildProcess, core client) log at a steady pace through a one-minute
/// receiver outage, one with the durable buffer and one without; each mode is reported as delivered / dropped by
/// reason / duplicated. With the buffer nothing is lost; without it every entry is delivered or counted as dropped.
/// </summary>
[Category("Slow")]
public class OutageSurvivalTests
{
    private const int OutageSeconds = 60;
    private const int Count = 3_000;
    /// <summary>About 23 ms per entry: logging spans roughly 70 s, so it runs before, through and after the outage.</summary>
    private const int DelayMs = 23;
    private const long BufferMaxBytes = 16L * 1024 * 1024;
    private const string BufferedPrefix = "buffered";
    private const string MemoryPrefix = "memory";

    /// <summary>
    /// Short retries: without the buffer a batch is dropped after about 1.4 s of failures, so a one-minute outage
    /// must drop; with the buffer the sender keeps retrying at most ~2.5 s apart and resumes soon after the restart.
    /// </summary>
    private static readonly Dictionary<string, string> s_retryEnvironment = new()
    {
        ["LOGFLUX_MAX_RETRIES"] = "3",
        ["LOGFLUX_INITIAL_DELAY"] = "200",
        ["LOGFLUX_MAX_DELAY"] = "2",
    };

    [Test]
    public async Task A_one_minute_receiver_outage_loses_nothing_with_the_buffer_and_counts_every_drop_without_it()
    {
        var directory = Path.Combine(Path.GetTempPath(), "lf-outage-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var server = await LogFluxTestServer.StartAsync();
            var clock = Stopwatch.StartNew();
            using var buffered = ChildRun.Start(server.BaseUrl, directory, BufferedPrefix);
            using var memory = ChildRun.Start(server.BaseUrl, null, MemoryPrefix);

            // About 5 s of normal delivery from both children before the receiver goes away.
            await server.WaitForEntryAsync(e => Message(e).StartsWith(BufferedPrefix + "-", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
            await server.WaitForEntryAsync(e => Message(e).StartsWith(MemoryPrefix + "-", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
            await Task.WhenAll(buffered.WaitForWrittenAsync(200, TimeSpan.FromSeconds(15)), memory.WaitForWrittenAsync(200, TimeSpan.FromSeconds(15)));
            await server.StopAsync();
            var outageStart = clock.Elapsed;
            var writtenAtStop = (Buffered: buffered.Written, Memory: memory.Written);

            // The scenario is a real minute without a receiver.
            await Task.Delay(TimeSpan.FromSeconds(OutageSeconds));
            await server.RestartAsync();
            var outageEnd = clock.Elapsed;

            var exits = await Task.WhenAll(buffered.WaitForExitAsync(TimeSpan.FromSeconds(30)), memory.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            var total = clock.Elapsed;

            var on = Summarise(server, buffered, BufferedPrefix);
            var off = Summarise(server, memory, MemoryPrefix);
            TestContext.Out.WriteLine($"outage {outageStart.TotalSeconds:0.0}s..{outageEnd.TotalSeconds:0.0}s ({OutageSeconds}s), children done at {total.TotalSeconds:0.0}s; written at stop: buffer on {writtenAtStop.Buffered}, off {writtenAtStop.Memory}");
            TestContext.Out.WriteLine($"{"mode",-10} {"logged",7} {"delivered",9} {"dropped",7} {"duplicated",10} {"uncounted",9}  reasons / buffer");
            TestContext.Out.WriteLine(on.Row("buffer on"));
            TestContext.Out.WriteLine(off.Row("buffer off"));

            Assert.That(exits, Is.All.Zero, () => buffered.Errors + memory.Errors);
            Assert.That(on.Stats, Is.Not.Null, "the buffered child printed its stats");
            Assert.That(off.Stats, Is.Not.Null, "the in-memory child printed its stats");
            Assert.Multiple(() =>
            {
                Assert.That(on.Logged, Is.EqualTo(Count));
                Assert.That(off.Logged, Is.EqualTo(Count));
                Assert.That(on.Delivered, Is.EqualTo(on.Logged), "with the durable buffer nothing is lost");
                Assert.That(on.Stats!.Dropped, Is.Zero, "with the durable buffer nothing is dropped");
                Assert.That(on.Stats.BufferPeakBytes, Is.GreaterThan(0).And.LessThanOrEqualTo(BufferMaxBytes), "the buffer held the backlog within its byte bound");
                Assert.That(on.Stats.BufferCapacityBytes, Is.EqualTo(BufferMaxBytes));
                Assert.That(off.Delivered + off.Stats!.Dropped, Is.GreaterThanOrEqualTo(off.Logged), "without the buffer every entry is delivered or counted as dropped");
                Assert.That(off.Stats.Dropped, Is.GreaterThan(0), "a one-minute outage exhausts the retries of the in-memory child");
            });
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    private static string Message(ReceivedEntry entry) => entry.Json.GetProperty("message").GetString() ?? "";

    private static ModeSummary Summarise(LogFluxTestServer server, ChildRun child, string prefix)
    {
        var unique = new HashSet<string>(StringComparer.Ordinal);
        var all = 0;
        foreach (var entry in server.Entries)
        {
            var message = Message(entry);
            if (!message.StartsWith(prefix + "-", StringComparison.Ordinal)) continue;
            all++;
            unique.Add(message);
        }
        return new ModeSummary(child.Written, unique.Count, all - unique.Count, child.Stats);
    }

    private sealed record ModeSummary(int Logged, int Delivered, int Duplicated, ChildStats? Stats)
    {
        public string Row(string mode)
        {
            var dropped = Stats?.Dropped ?? -1;
            var uncounted = Math.Max(0, Logged - Delivered - Math.Max(0, dropped));
            var reasons = Stats is null ? "(no stats)" : Stats.Reasons.Length == 0 ? "-" : Stats.Reasons;
            var buffer = Stats is null || Stats.BufferCapacityBytes == 0 ? "" : $" / peak {Stats.BufferPeakBytes} of {Stats.BufferCapacityBytes} bytes";
            return $"{mode,-10} {Logged,7} {Delivered,9} {dropped,7} {Duplicated,10} {uncounted,9}  {reasons}{buffer}";
        }
    }

    /// <summary>The child's final "stats ..." line.</summary>
    private sealed record ChildStats(long Dropped, string Reasons, long BufferPeakBytes, long BufferCapacityBytes)
    {
        public static ChildStats? TryParse(string line)
        {
            if (!line.StartsWith("stats ", StringComparison.Ordinal)) return null;
            var fields = line[6..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(f => f.Split('=', 2))
                .Where(p => p.Length == 2)
                .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
            long Number(string name) => fields.TryGetValue(name, out var v) && long.TryParse(v, CultureInfo.InvariantCulture, out var n) ? n : -1;
            return new ChildStats(Number("dropped"), fields.GetValueOrDefault("reasons", ""), Number("buffer_peak_bytes"), Number("buffer_capacity_bytes"));
        }
    }

    private sealed class ChildRun : IDisposable
    {
        private readonly Process _process;
        private readonly object _gate = new();
        private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = new();
        private readonly System.Text.StringBuilder _errors = new();
        private int _written;
        private ChildStats? _stats;

        private ChildRun(Process process) => _process = process;

        public int Written => Volatile.Read(ref _written);

        public ChildStats? Stats => Volatile.Read(ref _stats);

        public string Errors
        {
            get
            {
                lock (_errors) return _errors.ToString();
            }
        }

        public static ChildRun Start(string url, string? bufferPath, string prefix)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            var args = new[]
            {
                ChildPath(), "core", url, Count.ToString(CultureInfo.InvariantCulture), bufferPath ?? "-",
                DelayMs.ToString(CultureInfo.InvariantCulture), prefix, BufferMaxBytes.ToString(CultureInfo.InvariantCulture),
            };
            foreach (var arg in args) info.ArgumentList.Add(arg);
            foreach (var (name, value) in s_retryEnvironment) info.Environment[name] = value;
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
}
