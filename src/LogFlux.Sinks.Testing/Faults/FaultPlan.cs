namespace LogFlux.Sinks.Testing;

/// <summary>
/// Scripted fault injection. For each request to a protocol endpoint the first matching rule wins, in this order:
/// queued faults for that endpoint, queued faults for <see cref="FaultEndpoint.Any"/>, <see cref="Every"/> rules
/// (in the order added), then <see cref="Always"/> for that endpoint, then <see cref="Always"/> for Any.
/// Request counts are per endpoint (and one count over all three for Any), 1-based, since start or the last
/// <see cref="Reset"/>. Thread-safe.
/// </summary>
public sealed class FaultPlan
{
    private static readonly FaultEndpoint[] AllEndpoints = [FaultEndpoint.Ingest, FaultEndpoint.HandshakeInit, FaultEndpoint.HandshakeComplete, FaultEndpoint.Any];

    private readonly object _gate = new();
    private readonly Dictionary<FaultEndpoint, Queue<Fault>> _queued = AllEndpoints.ToDictionary(e => e, _ => new Queue<Fault>());
    private readonly Dictionary<FaultEndpoint, int> _counts = AllEndpoints.ToDictionary(e => e, _ => 0);
    private readonly Dictionary<FaultEndpoint, Fault> _always = [];
    private readonly List<(FaultEndpoint Endpoint, int N, Fault Fault)> _every = [];

    internal FaultPlan()
    {
    }

    /// <summary>Applies <paramref name="faults"/>, in order, to the next requests to <paramref name="endpoint"/>.</summary>
    /// <param name="endpoint">The endpoint the faults apply to.</param>
    /// <param name="faults">One fault per request.</param>
    /// <returns>This plan, for chaining.</returns>
    public FaultPlan Enqueue(FaultEndpoint endpoint, params Fault[] faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        lock (_gate)
        {
            foreach (var fault in faults)
            {
                _queued[endpoint].Enqueue(fault ?? throw new ArgumentException("A fault is null.", nameof(faults)));
            }
        }

        return this;
    }

    /// <summary>Applies <paramref name="fault"/> to every <paramref name="n"/>-th request to <paramref name="endpoint"/>.</summary>
    /// <param name="endpoint">The endpoint whose requests are counted.</param>
    /// <param name="n">The period (1 = every request).</param>
    /// <param name="fault">The fault to apply.</param>
    /// <returns>This plan, for chaining.</returns>
    public FaultPlan Every(FaultEndpoint endpoint, int n, Fault fault)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentNullException.ThrowIfNull(fault);
        lock (_gate)
        {
            _every.Add((endpoint, n, fault));
        }

        return this;
    }

    /// <summary>Applies <paramref name="fault"/> to every request to <paramref name="endpoint"/> until <see cref="Reset"/>.</summary>
    /// <param name="endpoint">The endpoint the fault applies to.</param>
    /// <param name="fault">The fault to apply.</param>
    /// <returns>This plan, for chaining.</returns>
    public FaultPlan Always(FaultEndpoint endpoint, Fault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_gate)
        {
            _always[endpoint] = fault;
        }

        return this;
    }

    /// <summary>Removes every rule and restarts the request counts.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            foreach (var endpoint in AllEndpoints)
            {
                _queued[endpoint].Clear();
                _counts[endpoint] = 0;
            }

            _always.Clear();
            _every.Clear();
        }
    }

    /// <summary>Counts a request to <paramref name="endpoint"/> and returns the fault to apply to it, if any.</summary>
    internal Fault? Next(FaultEndpoint endpoint)
    {
        lock (_gate)
        {
            int count = ++_counts[endpoint];
            int anyCount = ++_counts[FaultEndpoint.Any];
            if (_queued[endpoint].TryDequeue(out var queued) || _queued[FaultEndpoint.Any].TryDequeue(out queued))
            {
                return queued;
            }

            foreach (var (ruleEndpoint, n, fault) in _every)
            {
                if ((ruleEndpoint == endpoint && count % n == 0) || (ruleEndpoint == FaultEndpoint.Any && anyCount % n == 0))
                {
                    return fault;
                }
            }

            return _always.TryGetValue(endpoint, out var always) || _always.TryGetValue(FaultEndpoint.Any, out always) ? always : null;
        }
    }
}
