using LogFlux.Sinks.Testing;

namespace LogFlux.Sinks.Demo;

/// <summary>
/// The tour: the core client and the Serilog, NLog and log4net adapters send every entry type, to the embedded
/// receiver (default) or to the endpoint named by LOGFLUX_API_KEY / LOGFLUX_CUSTOM_ENDPOINT_URL; then the tour
/// reports what arrived. Exit code 0 means everything that was sent arrived.
/// </summary>
internal static class Tour
{
    public static async Task<int> RunAsync()
    {
        var useEmbeddedReceiver = string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("LOGFLUX_API_KEY"));
        // Receiver start, core, Serilog, NLog, log4net, flush, and with the receiver the wait for delivery.
        var progress = new TourProgress(useEmbeddedReceiver ? 7 : 5);
        LogFluxTestServer? receiver = null;
        if (useEmbeddedReceiver)
        {
            receiver = await StartReceiverAsync(progress);
        }
        else
        {
            var endpoint = Environment.GetEnvironmentVariable("LOGFLUX_CUSTOM_ENDPOINT_URL");
            Console.WriteLine($"LOGFLUX_API_KEY is set: sending the tour to {(string.IsNullOrWhiteSpace(endpoint) ? "the LogFlux service (discovery)" : endpoint)}.");
        }
        try
        {
            var results = await SendEverythingAsync(progress);
            if (receiver is null)
            {
                Report.PrintStats(results);
                return Report.PrintServiceDelivery(results) ? 0 : 1;
            }

            var arrived = await progress.WaitPhaseAsync(
                $"Waiting for the receiver to decrypt all {results.TotalSent} entries",
                WaitForAsync(receiver, results.TotalSent),
                () => $"{receiver.Entries.Count}/{results.TotalSent} entries decrypted");
            Report.PrintEntries(arrived);
            Report.PrintErrorCaptures(arrived);
            var traceContinued = Report.PrintCrossServiceTrace(arrived, results);
            Report.PrintStats(results);
            var allArrived = Report.PrintReceiverDelivery(arrived, results);
            Report.PrintWebViewHint();
            return allArrived && traceContinued ? 0 : 1;
        }
        finally
        {
            if (receiver is not null) await receiver.DisposeAsync();
        }
    }

    private static async Task<LogFluxTestServer> StartReceiverAsync(TourProgress progress)
    {
        var receiver = await progress.WaitPhaseAsync(
            "No LOGFLUX_API_KEY set: starting the embedded LogFlux receiver (RSA-2048 handshake, AES-GCM decryption)",
            LogFluxTestServer.StartAsync(),
            () => "started");
        Console.WriteLine($"      listening on {receiver.BaseUrl}, server key {receiver.PublicKeyFingerprint[..23]}...");
        // The core client and the three config files all read these, as a deployed application would.
        Environment.SetEnvironmentVariable("LOGFLUX_API_KEY", "eu-lf_demo0000000000");
        Environment.SetEnvironmentVariable("LOGFLUX_CUSTOM_ENDPOINT_URL", receiver.BaseUrl);
        // The embedded receiver's key is new on every run, so a persisted session key would be useless.
        Environment.SetEnvironmentVariable("LOGFLUX_KEY_PERSISTENCE", "false");
        return receiver;
    }

    private static async Task<TourResults> SendEverythingAsync(TourProgress progress)
    {
        var results = new TourResults();
        var coreSent = await progress.SendPhaseAsync(
            "Core client: every level, scopes, metrics, event, audit, a trace across two services, telemetry, an error capture",
            () => CoreScenario.RunAsync(results));
        results.AddSent(DemoSettings.Core, coreSent);

        // The three adapters share one client (same API key and endpoint). Holding a lease on it keeps it open
        // between the frameworks' own shutdowns, so it can be flushed once and its stats read at the end.
        await using var shared = LogFluxClientRegistry.Acquire(DemoSettings.ClientOptions(DemoSettings.Source));
        shared.Client.Diagnostic += (_, d) => { if (d.Level >= LogFluxDiagnosticLevel.Warning) Console.WriteLine($"      {d}"); };

        results.AddSent(DemoSettings.Serilog, await progress.SendPhaseAsync(
            "Serilog (appsettings.json): levels, LogContext, metrics, event, audit, nested spans, an exception",
            SerilogScenario.RunAsync));
        results.AddSent(DemoSettings.NLog, await progress.SendPhaseAsync(
            "NLog (NLog.config): levels, ScopeContext, metrics, event, audit, nested spans, an exception",
            () => Task.FromResult(NLogScenario.Run())));
        results.AddSent(DemoSettings.Log4Net, await progress.SendPhaseAsync(
            "log4net (log4net.config): levels, NDC and context properties, metrics, event, audit, nested spans, an exception",
            () => Task.FromResult(Log4NetScenario.Run())));

        await progress.WaitPhaseAsync(
            "Flushing the adapters' shared client",
            shared.Client.FlushAsync(DemoSettings.FlushTimeout),
            () => $"{shared.Client.GetStats().EntriesSent} sent");
        results.AddStats("shared adapter client (Serilog, NLog, log4net)", shared.Client.GetStats());
        return results;
    }

    private static async Task<IReadOnlyList<ReceivedEntry>> WaitForAsync(LogFluxTestServer receiver, int count)
    {
        try
        {
            return await receiver.WaitForEntriesAsync(count, TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            return receiver.Entries;
        }
    }
}
