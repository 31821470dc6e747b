namespace LogFlux.Sinks.Pipeline;

/// <summary>
/// Entries of one batch sent in one request (a 413 or the request size splits a batch into several parts), and
/// what is known about their delivery so far.
/// </summary>
internal sealed class BatchPart
{
    public BatchPart(List<PendingEntry> entries, bool mayHaveArrived)
    {
        Entries = entries;
        MayHaveArrived = mayHaveArrived;
    }

    public List<PendingEntry> Entries { get; }

    /// <summary>
    /// True once a request holding these entries lost its response (or was cancelled in flight): the server may
    /// have stored them, so a part that then gives up is "delivery unknown", not dropped.
    /// </summary>
    public bool MayHaveArrived { get; set; }

    /// <summary>True while this part's request is in flight.</summary>
    public bool Sending { get; set; }

    /// <summary>True while this part holds the <see cref="ProbeGate"/> (it waits to retry after a service failure).</summary>
    public bool Probing { get; set; }
}
