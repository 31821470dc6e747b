namespace LogFlux.Sinks.Pipeline;

/// <summary>Lets one notice of a kind through per interval (send failures would otherwise repeat for every batch).</summary>
internal sealed class NoticeThrottle
{
    private readonly TimeProvider _time;
    private readonly long _intervalTicks;
    private long _nextTicks;

    public NoticeThrottle(TimeProvider time, TimeSpan interval)
    {
        _time = time;
        _intervalTicks = Math.Max(1, interval.Ticks);
    }

    public bool TryEnter()
    {
        var now = _time.GetUtcNow().UtcTicks;
        var next = Interlocked.Read(ref _nextTicks);
        return now >= next && Interlocked.CompareExchange(ref _nextTicks, now + _intervalTicks, next) == next;
    }
}
