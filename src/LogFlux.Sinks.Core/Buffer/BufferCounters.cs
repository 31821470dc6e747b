using LogFlux.Sinks.Diagnostics;

namespace LogFlux.Sinks.Buffer;

/// <summary>The cumulative counters of one buffer instance, and the route of losses to <see cref="DurableBufferOptions.OnDrop"/>.</summary>
internal sealed class BufferCounters
{
    private readonly Action<string, long>? _onDrop;
    private readonly SelfDiagnostics? _diagnostics;

    public BufferCounters(Action<string, long>? onDrop, SelfDiagnostics? diagnostics)
    {
        _onDrop = onDrop;
        _diagnostics = diagnostics;
    }

    public long Recovered;
    public long Replayed;
    public long Appended;
    public long Acknowledged;
    public long Evicted;
    public long Refused;
    public long Corrupt;
    public long SkippedBytes;

    /// <summary>Counts <paramref name="count"/> lost records (<see cref="BufferDropReasons.Evicted"/> or <see cref="BufferDropReasons.Corrupt"/>) and reports them.</summary>
    public void Drop(string reason, long count)
    {
        if (count <= 0) return;
        if (reason == BufferDropReasons.Evicted) Evicted += count;
        else Corrupt += count;
        if (_onDrop is null) return;
        try
        {
            _onDrop(reason, count);
        }
        catch (Exception ex)
        {
            _diagnostics?.Warn("The durable buffer's drop callback threw; the count is kept in its stats.", ex);
        }
    }
}
