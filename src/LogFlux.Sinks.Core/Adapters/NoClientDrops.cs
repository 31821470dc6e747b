namespace LogFlux.Sinks.Adapters;

/// <summary>
/// Counts the events an adapter dropped because it had no client (drop reason <c>no_client</c>: no API key and
/// no <c>LogFluxSdk.Init</c> client, or an invalid configuration) and tells the adapter when to say so through its
/// framework's self-diagnostics: once, until <see cref="Rearm"/>. Thread-safe.
/// </summary>
internal sealed class NoClientDrops
{
    private long _count;
    private int _reported;

    /// <summary>Events dropped so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Counts one dropped event.</summary>
    /// <returns>True when the adapter should now report that it has no client (the first time since <see cref="Rearm"/>).</returns>
    public bool Add()
    {
        Interlocked.Increment(ref _count);
        return ClaimReport();
    }

    /// <summary>Claims the one report (e.g. at configuration time, or when the configuration problem was already reported).</summary>
    /// <returns>True for the first claim since <see cref="Rearm"/>.</returns>
    public bool ClaimReport() => Interlocked.Exchange(ref _reported, 1) == 0;

    /// <summary>Allows one report again, e.g. after the adapter was reconfigured or lost its client.</summary>
    public void Rearm() => Interlocked.Exchange(ref _reported, 0);
}
