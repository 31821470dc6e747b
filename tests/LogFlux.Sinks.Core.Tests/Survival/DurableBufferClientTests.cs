using System.Collections.Concurrent;
using System.Text;
using LogFlux.Sinks.Testing;

namespace LogFlux.Sinks.Core.Tests.Survival;

/// <summary>
/// The client with <see cref="LogFluxOptions.BufferPath"/> set, end to end through real HTTP to the test receiver:
/// accepted entries survive a receiver outage and a client restart, the byte bound holds with counted drops, and
/// a directory already in use leaves the client running in memory only.
/// </summary>
public class DurableBufferClientTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Path.Combine(Path.GetTempPath(), "lf-durable-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void DeleteDirectory()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private LogFluxOptions Options(LogFluxTestServer server, ConcurrentQueue<LogFluxDiagnostic>? diagnostics = null, Action<LogFluxOptions>? configure = null)
    {
        var options = new LogFluxOptions
        {
            ApiKey = "eu-lf_durable_" + Guid.NewGuid().ToString("N"),
            CustomEndpointUrl = server.BaseUrl,
            KeyPersistence = false,
            Source = "durable",
            BufferPath = _directory,
            BufferMaxBytes = 8L * 1024 * 1024,
            FlushInterval = TimeSpan.FromMilliseconds(20),
            InitialDelay = TimeSpan.FromMilliseconds(5),
            MaxDelay = TimeSpan.FromMilliseconds(50),
            MaxRetries = 1,
            ShutdownTimeout = TimeSpan.FromMilliseconds(300),
            DiagnosticListener = diagnostics is null ? null : diagnostics.Enqueue,
        };
        configure?.Invoke(options);
        return options;
    }

    private static HashSet<string> Messages(LogFluxTestServer server) =>
        new(server.Entries.Select(e => e.Json.GetProperty("message").GetString()!), StringComparer.Ordinal);

    [Test]
    public async Task Entries_go_through_the_buffer_and_are_acknowledged_once_delivered()
    {
        await using var server = await LogFluxTestServer.StartAsync();
        await using var client = new LogFluxClient(Options(server));
        for (var i = 0; i < 200; i++) client.Info($"m{i}");

        Assert.That(await client.FlushAsync(s_wait), Is.True, () => client.GetStats().ToString());
        var stats = client.GetStats();
        TestContext.Out.WriteLine(stats.ToString());
        Assert.That(stats.BufferEnabled, Is.True);
        Assert.That(stats.EntriesQueued, Is.EqualTo(200));
        Assert.That(stats.EntriesSent, Is.EqualTo(200));
        Assert.That(stats.BufferedEntries, Is.Zero, "every delivered record is acknowledged");
        Assert.That(Messages(server), Has.Count.EqualTo(200));
        Assert.That(Directory.EnumerateFiles(_directory, "*.lfb", SearchOption.AllDirectories), Is.Not.Empty, "records were written to segments");
    }

    [Test]
    public async Task An_outage_longer_than_the_retries_loses_nothing_with_the_buffer_and_drops_without_it()
    {
        const int count = 300;
        await using var server = await LogFluxTestServer.StartAsync();
        var results = new Dictionary<string, (long Delivered, long Dropped)>();
        foreach (var buffered in new[] { true, false })
        {
            server.Clear();
            await using var client = new LogFluxClient(Options(server, configure: o =>
            {
                if (!buffered) o.BufferPath = null;
                o.ShutdownTimeout = s_wait;
            }));
            client.Info("warm-up");
            Assert.That(await client.FlushAsync(s_wait), Is.True, "handshake before the outage");

            await server.StopAsync();
            for (var i = 0; i < count; i++) client.Info($"outage-{i}");
            // Let the senders run out of retries against the stopped receiver.
            await WaitUntil(() => client.GetStats().Retries >= 3 || client.GetStats().EntriesDropped > 0);
            await server.RestartAsync();

            Assert.That(await client.FlushAsync(s_wait), Is.True, () => client.GetStats().ToString());
            var stats = client.GetStats();
            var delivered = Messages(server).Count(m => m.StartsWith("outage-", StringComparison.Ordinal));
            var duplicates = server.Entries.Count - Messages(server).Count;
            TestContext.Out.WriteLine($"buffer {(buffered ? "on" : "off")}: logged {count}, delivered {delivered}, duplicated {duplicates}, dropped {stats.EntriesDropped} ({string.Join(", ", stats.DropReasons)})");
            results[buffered ? "on" : "off"] = (delivered, stats.EntriesDropped);
            Assert.That(delivered + stats.EntriesDropped, Is.EqualTo(count), "every entry is delivered or counted as dropped");
        }
        Assert.That(results["on"], Is.EqualTo(((long)count, 0L)), "with the buffer nothing is lost");
        Assert.That(results["off"].Dropped, Is.GreaterThan(0), "without the buffer the exhausted retries drop entries");
    }

    [Test]
    public async Task Entries_not_delivered_before_close_are_sent_by_the_next_client_on_the_same_directory()
    {
        const int count = 150;
        await using var server = await LogFluxTestServer.StartAsync();
        await server.StopAsync();
        var first = new LogFluxClient(Options(server));
        for (var i = 0; i < count; i++) first.Warn($"kept-{i}", new Dictionary<string, string> { ["secret"] = "PLAINTEXT-MARKER" });
        var delivered = await first.CloseAsync();
        var firstStats = first.GetStats();
        TestContext.Out.WriteLine($"first run: {firstStats}");
        Assert.That(delivered, Is.False, "the receiver was down");
        Assert.That(firstStats.EntriesDropped, Is.Zero, () => string.Join(", ", firstStats.DropReasons));
        Assert.That(firstStats.BufferedEntries, Is.EqualTo(count));
        foreach (var file in Directory.EnumerateFiles(_directory, "*", SearchOption.AllDirectories))
        {
            var text = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file));
            Assert.That(text, Does.Not.Contain("PLAINTEXT-MARKER").And.Not.Contain("kept-1"), file);
        }

        await server.RestartAsync();
        await using var second = new LogFluxClient(Options(server));
        await server.WaitForEntriesAsync(count, s_wait);
        Assert.That(await second.FlushAsync(s_wait), Is.True);
        var stats = second.GetStats();
        var messages = Messages(server);
        TestContext.Out.WriteLine($"second run: {stats}; delivered {messages.Count} unique of {server.Entries.Count}");
        Assert.That(messages, Has.Count.EqualTo(count));
        Assert.That(stats.BufferRecovered, Is.EqualTo(count));
        Assert.That(stats.BufferReplayed, Is.EqualTo(count));
        Assert.That(server.Entries[0].Json.GetProperty("attributes").GetProperty("secret").GetString(), Is.EqualTo("PLAINTEXT-MARKER"));
    }

    [Test]
    public async Task The_byte_bound_holds_and_evicted_entries_are_counted()
    {
        const int count = 400;
        await using var server = await LogFluxTestServer.StartAsync();
        await server.StopAsync();
        var padding = new string('x', 8 * 1024);
        var first = new LogFluxClient(Options(server, configure: o => o.BufferMaxBytes = 1024 * 1024));
        for (var i = 0; i < count; i++) first.Info($"big-{i} {padding}");
        await first.CloseAsync();
        var firstStats = first.GetStats();
        TestContext.Out.WriteLine($"first run: {firstStats}");
        var bytesOnDisk = Directory.EnumerateFiles(_directory, "*.lfb", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Assert.That(bytesOnDisk, Is.LessThanOrEqualTo(1024 * 1024));
        Assert.That(firstStats.DropReasons.GetValueOrDefault(DropReasons.QueueOverflow), Is.GreaterThan(0));

        await server.RestartAsync();
        await using var second = new LogFluxClient(Options(server, configure: o => o.BufferMaxBytes = 1024 * 1024));
        await WaitUntil(() => second.GetStats().BufferedEntries == 0 && second.GetStats().BufferReplayed > 0);
        Assert.That(await second.FlushAsync(s_wait), Is.True);
        var delivered = Messages(server).Count;
        TestContext.Out.WriteLine($"logged {count}, delivered {delivered}, dropped {firstStats.EntriesDropped} ({string.Join(", ", firstStats.DropReasons)})");
        Assert.That(delivered + firstStats.EntriesDropped, Is.EqualTo(count), "each entry is delivered or counted as evicted");
    }

    [Test]
    public async Task A_directory_in_use_is_reported_and_the_second_client_runs_in_memory()
    {
        await using var server = await LogFluxTestServer.StartAsync();
        await using var owner = new LogFluxClient(Options(server));
        var diagnostics = new ConcurrentQueue<LogFluxDiagnostic>();
        await using var second = new LogFluxClient(Options(server, diagnostics));
        second.Info("memory-only");

        Assert.That(await second.FlushAsync(s_wait), Is.True);
        Assert.That(second.GetStats().BufferEnabled, Is.False);
        Assert.That(owner.GetStats().BufferEnabled, Is.True);
        Assert.That(diagnostics.Any(d => d.Level == LogFluxDiagnosticLevel.Error && d.Message.Contains(_directory, StringComparison.Ordinal)), Is.True,
            () => string.Join(Environment.NewLine, diagnostics.Select(d => d.Message)));
        Assert.That(Messages(server), Does.Contain("memory-only"));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(s_wait);
        while (!condition())
        {
            // Polls a counter that has no signal of its own; bounded by the timeout.
            await Task.Delay(10, timeout.Token);
        }
    }
}
