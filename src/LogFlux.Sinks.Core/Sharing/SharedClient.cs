namespace LogFlux.Sinks.Sharing;

/// <summary>A registry entry: one client, its lease count and the conflicts already reported for it.</summary>
internal sealed class SharedClient
{
    public SharedClient(string key, LogFluxClient client)
    {
        Key = key;
        Client = client;
    }

    public string Key { get; }

    public LogFluxClient Client { get; }

    /// <summary>Guarded by the registry lock.</summary>
    public int Leases { get; set; }

    /// <summary>Option names already reported as conflicting (each is reported once). Guarded by the registry lock.</summary>
    public HashSet<string> ReportedConflicts { get; } = new(StringComparer.Ordinal);
}
