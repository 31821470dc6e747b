using System.Collections.Concurrent;
using LogFlux.Sinks.Testing;

namespace LogFlux.Sinks.Core.Tests.Hostile;

/// <summary>A client wired to a fresh receiver, collecting diagnostics; checks that a normal entry still arrives.</summary>
internal sealed class HostileClient : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private HostileClient(LogFluxTestServer server, LogFluxClient client, ConcurrentQueue<LogFluxDiagnostic> diagnostics)
    {
        Server = server;
        Client = client;
        Diagnostics = diagnostics;
    }

    public LogFluxTestServer Server { get; }

    public LogFluxClient Client { get; }

    public ConcurrentQueue<LogFluxDiagnostic> Diagnostics { get; }

    public static async Task<HostileClient> StartAsync()
    {
        var server = await LogFluxTestServer.StartAsync();
        var diagnostics = new ConcurrentQueue<LogFluxDiagnostic>();
        var client = new LogFluxClient(new LogFluxOptions
        {
            ApiKey = "eu-lf_hostile_0123456789abcdef",
            CustomEndpointUrl = server.BaseUrl,
            KeyPersistence = false,
            Source = "hostile",
            FlushInterval = TimeSpan.FromMilliseconds(20),
            ShutdownTimeout = TimeSpan.FromSeconds(5),
            DiagnosticListener = diagnostics.Enqueue,
        });
        return new HostileClient(server, client, diagnostics);
    }

    /// <summary>Waits for a matching entry; on timeout the client's diagnostics are written to the test output first.</summary>
    public async Task<Testing.ReceivedEntry> WaitForEntryAsync(Func<Testing.ReceivedEntry, bool> predicate)
    {
        try
        {
            return await Server.WaitForEntryAsync(predicate, Wait);
        }
        catch (TimeoutException)
        {
            foreach (var diagnostic in Diagnostics) TestContext.Out.WriteLine(diagnostic.ToString());
            throw;
        }
    }

    public long Dropped(string reason) => Client.GetStats().DropReasons.TryGetValue(reason, out var n) ? n : 0;

    /// <summary>
    /// Logs a normal entry, waits for it at the receiver, then flushes: every entry logged before is settled (sent or
    /// counted), whichever sender had it, so drop counts can be asserted next.
    /// </summary>
    public async Task AssertStillWorksAsync()
    {
        var marker = "still-working-" + Guid.NewGuid().ToString("N");
        Client.Info(marker);
        var entry = await Server.WaitForEntryAsync(e => e.Message == marker, Wait);
        Assert.That(entry.Message, Is.EqualTo(marker));
        Assert.That(await Client.FlushAsync(Wait), Is.True, "everything logged before the marker is settled");
        var stats = Client.GetStats();
        TestContext.Out.WriteLine($"queued {stats.EntriesQueued}, sent {stats.EntriesSent}, dropped {stats.EntriesDropped} ({string.Join(", ", stats.DropReasons.Select(p => $"{p.Key}={p.Value}"))}), received {Server.Entries.Count}");
    }

    public async ValueTask DisposeAsync()
    {
        await Client.CloseAsync();
        await Server.DisposeAsync();
    }
}
