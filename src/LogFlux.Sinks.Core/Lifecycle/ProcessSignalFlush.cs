using System.Runtime.InteropServices;

namespace LogFlux.Sinks.Lifecycle;

/// <summary>
/// Flushes every open client when the process receives SIGTERM or SIGINT (Ctrl-C), before the runtime's default
/// action ends it: one <see cref="PosixSignalRegistration"/> per signal for the whole process, held while at least one
/// client is open. The handler never cancels the signal, so the process ends (or a host that cancels it shuts down)
/// exactly as it would without LogFlux; it only waits, at most the longest <see cref="LogFluxOptions.ShutdownTimeout"/>
/// of the open clients. Turned off for the process by the environment variable <c>LOGFLUX_FLUSH_ON_SIGNAL=false</c> or
/// the AppContext switch <c>LogFlux.Sinks.DisableFlushOnSignal</c>.
/// </summary>
internal static class ProcessSignalFlush
{
    /// <summary>The AppContext switch that turns the signal flush off.</summary>
    public const string DisableSwitch = "LogFlux.Sinks.DisableFlushOnSignal";

    /// <summary>The environment variable that turns the signal flush off (<c>false</c>, <c>0</c>, <c>no</c>, <c>off</c>).</summary>
    public const string EnvironmentVariable = "LOGFLUX_FLUSH_ON_SIGNAL";

    /// <summary>Beyond the flush budget: time for the flush tasks to observe their deadline.</summary>
    private static readonly TimeSpan s_grace = TimeSpan.FromMilliseconds(500);

    private static readonly object s_lock = new();
    private static readonly HashSet<LogFluxClient> s_clients = new(ReferenceEqualityComparer.Instance);
    private static List<PosixSignalRegistration>? s_registrations;

    /// <summary>True when the signal handlers are currently registered (at least one open client, not opted out).</summary>
    internal static bool IsRegistered
    {
        get { lock (s_lock) return s_registrations is not null; }
    }

    /// <summary>Adds an open client; the first one registers the signal handlers.</summary>
    public static void Add(LogFluxClient client)
    {
        if (IsOptedOut()) return;
        lock (s_lock)
        {
            s_clients.Add(client);
            s_registrations ??= TryRegister(client);
        }
    }

    /// <summary>Removes a closing client; the last one unregisters the signal handlers.</summary>
    public static void Remove(LogFluxClient client)
    {
        List<PosixSignalRegistration>? registrations = null;
        lock (s_lock)
        {
            if (!s_clients.Remove(client) || s_clients.Count > 0) return;
            registrations = s_registrations;
            s_registrations = null;
        }
        if (registrations is null) return;
        foreach (var registration in registrations) registration.Dispose();
    }

    private static bool IsOptedOut()
    {
        if (AppContext.TryGetSwitch(DisableSwitch, out var disabled) && disabled) return true;
        var value = Environment.GetEnvironmentVariable(EnvironmentVariable)?.Trim().ToLowerInvariant();
        return value is "false" or "0" or "no" or "off";
    }

    private static List<PosixSignalRegistration>? TryRegister(LogFluxClient first)
    {
        var registrations = new List<PosixSignalRegistration>(2);
        try
        {
            registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
            registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
            return registrations;
        }
        catch (Exception ex) when (ex is PlatformNotSupportedException or IOException or UnauthorizedAccessException)
        {
            foreach (var registration in registrations) registration.Dispose();
            first.Diagnostics.Debug("Flushing on SIGTERM/SIGINT is not available on this platform.", ex);
            return null;
        }
    }

    private static void OnSignal(PosixSignalContext context)
    {
        try
        {
            LogFluxClient[] clients;
            lock (s_lock) clients = [.. s_clients];
            if (clients.Length == 0) return;
            var budget = clients.Max(c => c.Options.ShutdownTimeout);
            var flushes = Array.ConvertAll(clients, c => c.FlushAsync(c.Options.ShutdownTimeout));
            Task.WhenAll(flushes).Wait(budget + s_grace);
            foreach (var client in clients) ReportPending(client, context.Signal);
        }
        catch (Exception)
        {
            // Never let a flush problem change how the process handles the signal.
        }
    }

    /// <summary>Says what is still unsent when the handler returns (entries accepted while it flushed, or the budget ran out).</summary>
    private static void ReportPending(LogFluxClient client, PosixSignal signal)
    {
        var stats = client.GetStats();
        var pending = stats.QueueDepth + stats.InFlight;
        if (pending > 0)
            client.Diagnostics.Warn($"{signal}: flushed what was queued; {pending} entries are still unsent and are lost if the process ends now.");
        else
            client.Diagnostics.Debug($"{signal}: everything queued was sent before the signal's default action.");
    }
}
