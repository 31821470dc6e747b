namespace LogFlux.Sinks.AspNetCore.Middleware;

/// <summary>The per-trace decision of <see cref="LogFluxAspNetCoreOptions.SampleRate"/> for requests that start a new trace.</summary>
internal sealed class TraceSampler
{
    private readonly double _rate;
    private readonly Func<double> _random;

    public TraceSampler(double rate, Func<double>? random = null)
    {
        _rate = double.IsNaN(rate) ? 1.0 : Math.Clamp(rate, 0.0, 1.0);
        _random = random ?? Random.Shared.NextDouble;
    }

    public bool ShouldSample()
    {
        if (_rate >= 1.0) return true;
        if (_rate <= 0.0) return false;
        return _random() < _rate;
    }
}
