using System.Diagnostics;
using LogFlux.Sinks.Testing;

namespace LogFlux.Sinks.Core.Tests.EndToEnd;

/// <summary>
/// The send engine's promises, end to end through real HTTP, real handshakes and real encryption:
/// nothing accepted is lost under faults, memory stays bounded while the receiver is down, and flush/close
/// keep their deadlines whatever the receiver does.
/// </summary>
public class DeliveryGuaranteeTests
{
    private static LogFluxOptions Options(LogFluxTestServer server, Action<LogFluxOptions>? configure = null)
    {
        var options = new LogFluxOptions
        {
            ApiKey = "eu-lf_guarantees_" + Guid.NewGuid().ToString("N"),
            CustomEndpointUrl = server.BaseUrl,
            KeyPersistence = false,
            Source = "guarantees",
            FlushInterval = TimeSpan.FromMilliseconds(20),
            InitialDelay = TimeSpan.FromMilliseconds(5),
            MaxDelay = TimeSpan.FromMilliseconds(50),
            ShutdownTimeout = TimeSpan.FromSeconds(30),
        };
        configure?.Invoke(options);
        return options;
    }

    [Test]
    public async Task Eight_threads_under_503_429_aborts_and_a_revoked_key_lose_nothing_that_was_accepted()
    {
        const int threads = 8, perThread = 100_000;
        await using var server = await LogFluxTestServer.StartAsync();
        server.Faults
            .Every(FaultEndpoint.Ingest, 3, Fault.Status(503))
            .Every(FaultEndpoint.Ingest, 5, Fault.TooManyRequests(TimeSpan.Zero))
            .Every(FaultEndpoint.Ingest, 7, Fault.Abort());
        await using var client = new LogFluxClient(Options(server, o =>
        {
            o.BatchSize = 1000;
            o.QueueSize = threads * perThread;
            o.QueueMaxBytes = 2L * 1024 * 1024 * 1024;
            o.MaxRetries = 10;
        }));

        var revokeOnce = Task.Run(async () =>
        {
            await server.WaitForRequestAsync(r => r.Number >= 40 && r.Succeeded, TimeSpan.FromSeconds(60));
            server.Faults.Enqueue(FaultEndpoint.Ingest, Fault.Unauthorized());
        });
        var producers = Enumerable.Range(0, threads).Select(t => Task.Run(() =>
        {
            var attributes = new Dictionary<string, string> { ["thread"] = t.ToString() };
            for (var i = 0; i < perThread; i++) client.Info($"t{t}-{i}", attributes);
        })).ToArray();
        await Task.WhenAll(producers);
        await revokeOnce;

        Assert.That(await client.FlushAsync(TimeSpan.FromMinutes(3)), Is.True, () => client.GetStats().ToString());
        var stats = client.GetStats();
        var unique = new HashSet<string>(StringComparer.Ordinal);
        var arrivals = 0;
        foreach (var entry in server.Entries)
        {
            arrivals++;
            unique.Add(entry.Message!);
        }
        var duplicates = arrivals - unique.Count;
        TestContext.Out.WriteLine($"logged {threads * perThread}, accepted {stats.EntriesQueued}, delivered {unique.Count} unique, " +
            $"duplicates {duplicates} (client counted {stats.EntriesResentAfterAmbiguousFailure} resent after ambiguous failures), " +
            $"dropped {stats.EntriesDropped}, delivery unknown {stats.EntriesDeliveryUnknown}, retries {stats.Retries}, handshakes {stats.Handshakes}, requests {stats.Requests}");

        Assert.That(stats.EntriesQueued, Is.EqualTo(threads * perThread), "the queue was sized to accept everything");
        Assert.That(stats.EntriesDropped, Is.Zero, () => string.Join(", ", stats.DropReasons));
        Assert.That(stats.EntriesDeliveryUnknown, Is.Zero, "no batch gave up: a batch that retries probes the service alone");
        Support.Ledger.AssertBalanced(stats);
        Assert.That(unique, Has.Count.EqualTo(threads * perThread));
        Assert.That(stats.Handshakes, Is.GreaterThanOrEqualTo(2), "the revoked key forced a second handshake");
        Assert.That(server.Requests.Any(r => r.StatusCode == 401), Is.True);
        Assert.That(duplicates, Is.LessThanOrEqualTo(stats.EntriesResentAfterAmbiguousFailure), "every duplicate comes from a counted resend");
    }

    [Test]
    public async Task With_the_receiver_down_memory_stays_within_the_byte_bound_and_audit_entries_go_last()
    {
        const int total = 1_000_000, auditEvery = 100;
        const long bound = 16L * 1024 * 1024, overhead = 16L * 1024 * 1024;
        await using var server = await LogFluxTestServer.StartAsync();
        await server.StopAsync();
        await using var client = new LogFluxClient(Options(server, o =>
        {
            o.QueueSize = total;
            o.QueueMaxBytes = bound;
            o.DiagnosticsInterval = TimeSpan.FromMilliseconds(100);
        }));
        var dropNotices = 0;
        client.Diagnostic += (_, d) => { if (d.Message.Contains("dropped", StringComparison.OrdinalIgnoreCase)) Interlocked.Increment(ref dropNotices); };

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var audits = 0;
        for (var i = 0; i < total; i++)
        {
            if (i % auditEvery == 0)
            {
                client.Audit("record.read", "usr_" + i, "invoice", "inv_" + i);
                audits++;
            }
            else
            {
                client.Info("background noise " + i);
            }
        }
        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        var stats = client.GetStats();
        TestContext.Out.WriteLine($"logged {total}, retained {retained / 1024} KiB (bound {bound / 1024} KiB + overhead {overhead / 1024} KiB), " +
            $"queued now {stats.QueueDepth} ({stats.QueueBytes / 1024} KiB), dropped {string.Join(", ", stats.DropReasons)}");

        Assert.That(retained, Is.LessThan(bound + overhead));
        Assert.That(stats.QueueBytes, Is.LessThanOrEqualTo(bound));
        Assert.That(stats.DropReasons.GetValueOrDefault(DropReasons.QueueOverflow), Is.GreaterThan(0));
        Assert.That(dropNotices, Is.GreaterThan(0), "drops are reported, not silent");

        await server.RestartAsync();
        Assert.That(await client.FlushAsync(TimeSpan.FromSeconds(90)), Is.True, () => client.GetStats().ToString());
        var after = client.GetStats();
        var received = server.Entries;
        Assert.That(received.Count(e => e.Type == "audit"), Is.EqualTo(audits), "no audit entry was evicted while info entries were queued");
        Assert.That(after.EntriesSent, Is.EqualTo(received.Count));
        Assert.That(after.EntriesSent + after.EntriesDroppedAfterQueued, Is.EqualTo(after.EntriesQueued));
        Support.Ledger.AssertBalanced(after);
    }

    [Test]
    public async Task Flush_and_close_keep_their_deadlines_against_a_receiver_that_never_answers()
    {
        await using var server = await LogFluxTestServer.StartAsync();
        server.Faults.Always(FaultEndpoint.Ingest, Fault.NeverRespond());
        var client = new LogFluxClient(Options(server, o => o.ShutdownTimeout = TimeSpan.FromSeconds(1)));
        for (var i = 0; i < 10; i++) client.Info("stuck " + i);

        var watch = Stopwatch.StartNew();
        var flushed = await client.FlushAsync(TimeSpan.FromMilliseconds(500));
        var flushTime = watch.Elapsed;
        watch.Restart();
        var closed = await client.CloseAsync();
        var closeTime = watch.Elapsed;

        Assert.That(flushed, Is.False);
        Assert.That(closed, Is.False);
        Assert.That(flushTime, Is.LessThan(TimeSpan.FromSeconds(5)));
        Assert.That(closeTime, Is.LessThan(TimeSpan.FromSeconds(6)));
        var stats = client.GetStats();
        Assert.That(stats.DropReasons.GetValueOrDefault(DropReasons.Closed) + stats.EntriesDeliveryUnknown, Is.EqualTo(10),
            "what could not be delivered is counted: dropped if still queued, delivery unknown if its request was held by the server");
        Assert.That(stats.EntriesDeliveryUnknown, Is.GreaterThan(0), "a request was in flight, held by the receiver, when the deadline passed");
        Assert.That(stats.EntriesSent, Is.Zero);
        Support.Ledger.AssertBalanced(stats);
        Assert.That(stats.IsClosed, Is.True);
    }
}
