using System.Globalization;

namespace LogFlux.Sinks.Context;

/// <summary>
/// Sampling decisions (docs/protocol.md#sampling): audit entries are always kept; other entries are kept when a
/// uniform random number in [0, 1) is below the rate. Spans are decided once per trace, from the trace id
/// itself, so every span of a trace gets the same answer wherever it is started.
/// </summary>
internal sealed class Sampler
{
    private readonly double _rate;
    private readonly Func<double> _random;

    /// <param name="rate">Sample rate, clamped to [0, 1]; NaN counts as 1.</param>
    /// <param name="random">Uniform source in [0, 1); defaults to <see cref="Random.Shared"/>.</param>
    public Sampler(double rate, Func<double>? random = null)
    {
        _rate = double.IsNaN(rate) ? 1.0 : Math.Clamp(rate, 0.0, 1.0);
        _random = random ?? Random.Shared.NextDouble;
    }

    public double Rate => _rate;

    /// <summary>Decides for a non-span entry.</summary>
    public bool ShouldSample(LogFluxEntryType type)
    {
        if (type == LogFluxEntryType.Audit || _rate >= 1.0) return true;
        if (_rate <= 0.0) return false;
        return _random() < _rate;
    }

    /// <summary>Decides for a whole trace: the low 64 bits of a (random) trace id, read as a fraction of 2^64.</summary>
    public bool ShouldSampleTrace(string? traceId)
    {
        if (_rate >= 1.0) return true;
        if (_rate <= 0.0) return false;
        if (traceId is null || traceId.Length < 16 ||
            !ulong.TryParse(traceId.AsSpan(traceId.Length - 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var low))
        {
            return _random() < _rate;
        }
        return (low >> 11) * (1.0 / (1UL << 53)) < _rate;
    }
}
