namespace LogFlux.Sinks.Pipeline;

/// <summary>
/// The client-wide pause after a 429 (docs/protocol.md#rate-limits): every sender waits until it ends before taking
/// entries or sending. One wait is capped at <see cref="MaxWait"/>; without Retry-After it is <see cref="DefaultWait"/>.
/// </summary>
internal sealed class RateLimitPause
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(600);

    /// <summary>A server answering 429 with <c>Retry-After: 0</c> must not turn the senders into a busy loop.</summary>
    public static readonly TimeSpan MinWait = TimeSpan.FromMilliseconds(100);

    private readonly TimeProvider _time;
    private long _untilTicks;

    public RateLimitPause(TimeProvider time) => _time = time;

    /// <summary>The end of the current pause, or null when not paused.</summary>
    public DateTimeOffset? Until
    {
        get
        {
            var until = Interlocked.Read(ref _untilTicks);
            return until != 0 && _time.GetUtcNow().UtcTicks < until ? new DateTimeOffset(until, TimeSpan.Zero) : null;
        }
    }

    public bool IsPaused => Until is not null;

    /// <summary>Pauses all senders for <paramref name="retryAfter"/> (default 60 s, at least 1 s, at most 600 s); returns the wait applied.</summary>
    public TimeSpan Pause(TimeSpan? retryAfter)
    {
        var wait = retryAfter switch
        {
            null => DefaultWait,
            { } r when r < TimeSpan.Zero => DefaultWait,
            { } r when r > MaxWait => MaxWait,
            { } r when r < MinWait => MinWait,
            { } r => r,
        };
        var until = (_time.GetUtcNow() + wait).UtcTicks;
        long current;
        do
        {
            current = Interlocked.Read(ref _untilTicks);
            if (current >= until) return wait;
        }
        while (Interlocked.CompareExchange(ref _untilTicks, until, current) != current);
        return wait;
    }

    /// <summary>Waits until the pause is over; returns at once when not paused.</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var remaining = new DateTimeOffset(Interlocked.Read(ref _untilTicks), TimeSpan.Zero) - _time.GetUtcNow();
            if (remaining <= TimeSpan.Zero) return;
            await Task.Delay(remaining, _time, cancellationToken).ConfigureAwait(false);
        }
    }
}
