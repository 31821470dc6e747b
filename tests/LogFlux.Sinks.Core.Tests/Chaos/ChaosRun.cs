using LogFlux.Sinks.Testing;

namespace LogFlux.Sinks.Core.Tests.Chaos;

/// <summary>What one schedule produced: the client's books at the flush and at close, and what the receiver stored.</summary>
internal sealed record ChaosOutcome(ChaosSchedule Schedule, bool Flushed, LogFluxStats AtFlush, LogFluxStats AtClose, int Stored, int Duplicates)
{
    public override string ToString() =>
        $"{Schedule}\n  flushed {Flushed}, stored {Stored} unique, duplicates {Duplicates}\n  at flush: {AtFlush}\n  at close: {AtClose}";
}

/// <summary>
/// Runs one <see cref="ChaosSchedule"/> through the real client, real HTTP and real encryption against
/// <see cref="LogFluxTestServer"/>: producers log concurrently while the receiver misbehaves as scheduled, then the
/// client flushes and closes.
/// </summary>
internal static class ChaosRun
{
    private const string IngestPath = "/v1/ingest";

    public static async Task<ChaosOutcome> RunAsync(ChaosSchedule schedule)
    {
        await using var server = await LogFluxTestServer.StartAsync();
        if (schedule.FailFirstHandshake) server.Faults.Enqueue(FaultEndpoint.HandshakeInit, Fault.Status(503));
        foreach (var fault in schedule.IngestFaults)
        {
            server.Faults.Enqueue(FaultEndpoint.Ingest, fault?.Create() ?? Fault.Delay(TimeSpan.Zero));
        }

        var bufferDirectory = schedule.DurableBuffer ? Directory.CreateTempSubdirectory("logflux-chaos-").FullName : null;
        try
        {
            var finished = new CancellationTokenSource();
            var disruptions = Task.WhenAll(
                AfterIngestRequests(server, schedule.StopAfterRequest, finished.Token, async () =>
                {
                    await server.StopAsync();
                    await Task.Delay(schedule.StopFor);
                    await server.RestartAsync();
                }),
                AfterIngestRequests(server, schedule.RevokeAfterRequest, finished.Token, () =>
                {
                    server.RevokeAllKeys();
                    return Task.CompletedTask;
                }));

            var prefix = $"chaos{schedule.Seed}-";
            var client = new LogFluxClient(Options(server, schedule, bufferDirectory));
            bool flushed;
            LogFluxStats atFlush, atClose;
            try
            {
                var producers = Enumerable.Range(0, schedule.Producers).Select(p => Task.Run(() =>
                {
                    for (var i = 0; i < schedule.EntriesPerProducer; i++) client.Info($"{prefix}{p}-{i}");
                })).ToArray();
                await Task.WhenAll(producers);
                flushed = await client.FlushAsync(TimeSpan.FromSeconds(120));
                atFlush = client.GetStats();
            }
            finally
            {
                await finished.CancelAsync();
                await disruptions;
                await client.CloseAsync();
            }
            atClose = client.GetStats();

            var unique = new HashSet<string>(StringComparer.Ordinal);
            var arrivals = 0;
            foreach (var entry in server.Entries)
            {
                if (entry.Message is not { } message || !message.StartsWith(prefix, StringComparison.Ordinal)) continue;
                arrivals++;
                unique.Add(message);
            }
            return new ChaosOutcome(schedule, flushed, atFlush, atClose, unique.Count, arrivals - unique.Count);
        }
        finally
        {
            if (bufferDirectory is not null) Directory.Delete(bufferDirectory, recursive: true);
        }
    }

    private static LogFluxOptions Options(LogFluxTestServer server, ChaosSchedule schedule, string? bufferDirectory) => new()
    {
        ApiKey = "eu-lf_chaos_" + Guid.NewGuid().ToString("N"),
        CustomEndpointUrl = server.BaseUrl,
        KeyPersistence = false,
        Source = "chaos",
        WorkerCount = schedule.Workers,
        BatchSize = schedule.BatchSize,
        MaxRetries = schedule.MaxRetries,
        QueueSize = schedule.Producers * schedule.EntriesPerProducer + 1000,
        FlushInterval = TimeSpan.FromMilliseconds(20),
        InitialDelay = TimeSpan.FromMilliseconds(5),
        MaxDelay = TimeSpan.FromMilliseconds(50),
        HttpTimeout = ChaosSchedule.HttpTimeout,
        ShutdownTimeout = TimeSpan.FromSeconds(30),
        BufferPath = bufferDirectory,
        BufferMaxBytes = bufferDirectory is null ? new LogFluxOptions().BufferMaxBytes : 64L * 1024 * 1024,
    };

    /// <summary>
    /// Runs <paramref name="disrupt"/> once the receiver has seen <paramref name="requests"/> ingest requests, unless the
    /// run finishes first or no disruption is scheduled.
    /// </summary>
    private static async Task AfterIngestRequests(LogFluxTestServer server, int? requests, CancellationToken finished, Func<Task> disrupt)
    {
        if (requests is not { } count) return;
        var reached = server.WaitForRequestAsync(
            r => r.Path == IngestPath && server.Requests.Count(x => x.Path == IngestPath && x.Number <= r.Number) >= count,
            TimeSpan.FromMinutes(5));
        var done = Task.Delay(Timeout.Infinite, finished);
        await Task.WhenAny(reached, done);
        if (!reached.IsCompletedSuccessfully)
        {
            // The run ended before the trigger: observe the wait's eventual failure so that it goes unreported.
            _ = reached.ContinueWith(static t => t.Exception, TaskScheduler.Default);
            return;
        }
        await disrupt();
    }
}
