using LogFlux.Sinks.Protocol;
using LogFlux.Sinks.Sharing;

namespace LogFlux.Sinks;

/// <summary>
/// The process-wide clients shared by framework adapters: one client per (API key, endpoint),
/// created on first use and reference-counted. Options of a later user that conflict with the running
/// client are reported once per option as a Warning diagnostic; the running client is kept.
/// </summary>
public static class LogFluxClientRegistry
{
    private static readonly object s_lock = new();
    private static readonly Dictionary<string, SharedClient> s_clients = new(StringComparer.Ordinal);

    /// <summary>
    /// Returns a lease on the shared client for the API key and endpoint of <paramref name="options"/>
    /// (options left unset are filled from the <c>LOGFLUX_*</c> environment variables first).
    /// </summary>
    /// <param name="options">The adapter's options.</param>
    /// <returns>A lease; dispose it when the adapter closes.</returns>
    /// <exception cref="LogFluxConfigurationException">The API key or an option is invalid.</exception>
    public static LogFluxClientLease Acquire(LogFluxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = KeyOf(options);
        lock (s_lock)
        {
            if (s_clients.TryGetValue(key, out var shared) && !shared.Client.IsClosed)
            {
                shared.Leases++;
                ReportConflicts(shared, options);
                return new LogFluxClientLease(shared.Client, shared);
            }
            shared = new SharedClient(key, new LogFluxClient(options)) { Leases = 1 };
            s_clients[key] = shared;
            return new LogFluxClientLease(shared.Client, shared);
        }
    }

    /// <summary>A lease on the global client set up with <c>LogFluxSdk.Init</c>, for adapters configured without an API key; null when there is none.</summary>
    /// <returns>The lease, or null.</returns>
    internal static LogFluxClientLease? AcquireDefault()
        => LogFluxSdk.Client is { } client ? new LogFluxClientLease(client, shared: null) : null;

    /// <summary>Number of shared clients currently registered.</summary>
    internal static int Count
    {
        get { lock (s_lock) return s_clients.Count; }
    }

    /// <summary>Drops one lease; returns the client to close when it was the last one.</summary>
    internal static LogFluxClient? Release(SharedClient shared)
    {
        lock (s_lock)
        {
            if (--shared.Leases > 0) return null;
            if (s_clients.TryGetValue(shared.Key, out var registered) && ReferenceEquals(registered, shared)) s_clients.Remove(shared.Key);
            return shared.Client;
        }
    }

    private static string KeyOf(LogFluxOptions options)
    {
        var effective = options.Clone();
        effective.ApplyEnvironmentDefaults();
        var apiKey = ApiKey.Validate(effective.ApiKey, out var region);
        return apiKey + "\n" + Endpoint.EndpointId(effective.CustomEndpointUrl, region, effective.Zone);
    }

    private static void ReportConflicts(SharedClient shared, LogFluxOptions requested)
    {
        var effective = requested.Clone();
        effective.ApplyEnvironmentDefaults();
        var fresh = OptionConflicts.Find(effective, shared.Client.Options)
            .Where(c => shared.ReportedConflicts.Add(c.Name))
            .Select(c => c.Description)
            .ToList();
        if (fresh.Count == 0) return;
        var diagnostic = new LogFluxDiagnostic(LogFluxDiagnosticLevel.Warning,
            "A shared LogFlux client for this API key and endpoint is already running with other settings; it keeps its settings. " + string.Join("; ", fresh));
        shared.Client.Diagnostics.Report(diagnostic);
        if (requested.DiagnosticListener is { } listener && listener != shared.Client.Options.DiagnosticListener)
        {
            try { listener(diagnostic); }
            catch (Exception) { /* a broken listener must not break Acquire */ }
        }
    }
}
