namespace LogFlux.Sinks.Demo;

/// <summary>What the tour sent, per framework, and the clients' stats after the final flush.</summary>
internal sealed class TourResults
{
    private readonly Dictionary<string, int> _sent = new(StringComparer.Ordinal);
    private readonly List<(string Client, LogFluxStats Stats)> _stats = [];

    /// <summary>Entries handed to LogFlux, per framework tag.</summary>
    public IReadOnlyDictionary<string, int> Sent => _sent;

    /// <summary>The total of <see cref="Sent"/>.</summary>
    public int TotalSent => _sent.Values.Sum();

    /// <summary>Each client's stats, taken after its flush.</summary>
    public IReadOnlyList<(string Client, LogFluxStats Stats)> Stats => _stats;

    /// <summary>The trace the core sent across services: its id and the span id the second service must name as parent.</summary>
    public (string TraceId, string CallerSpanId)? CrossServiceTrace { get; set; }

    public void AddSent(string framework, int count) => _sent[framework] = _sent.GetValueOrDefault(framework) + count;

    public void AddStats(string client, LogFluxStats stats) => _stats.Add((client, stats));
}
