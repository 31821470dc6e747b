namespace LogFlux.Sinks.Pipeline;

/// <summary>Exponential backoff with multiplicative jitter (docs/protocol.md#backoff and docs/protocol.md#handshake-failures).</summary>
internal static class Backoff
{
    /// <summary>Largest jitter share: a delay grows by up to 25 %.</summary>
    public const double JitterShare = 0.25;

    private static readonly TimeSpan s_handshakeInitial = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_handshakeMax = TimeSpan.FromSeconds(60);

    /// <summary>
    /// <c>min(initial × factor^(n−1), max) × (1 + 0.25 × sample)</c> for retry number <paramref name="retry"/> (1-based);
    /// <paramref name="sample"/> is a uniform sample in [0, 1), values outside are clamped.
    /// </summary>
    public static TimeSpan Delay(int retry, TimeSpan initial, TimeSpan max, double factor, double sample)
    {
        var maxMs = max.TotalMilliseconds;
        var baseMs = initial.TotalMilliseconds * Math.Pow(factor, Math.Max(0, retry - 1));
        if (!(baseMs < maxMs)) baseMs = maxMs; // also catches overflow to infinity
        var u = double.IsNaN(sample) ? 0 : Math.Clamp(sample, 0, 1);
        return TimeSpan.FromMilliseconds(baseMs * (1 + JitterShare * u));
    }

    /// <summary>Delay before handshake attempt <paramref name="failures"/> + 1: 1 s doubling to 60 s, plus jitter.</summary>
    public static TimeSpan Handshake(int failures, double sample) => Delay(failures, s_handshakeInitial, s_handshakeMax, 2.0, sample);
}
