using Microsoft.Extensions.Time.Testing;

namespace LogFlux.Sinks.Core.Tests.Pipeline;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also reports every timer created on it (due time and period), so a test
/// can wait until the code under test is actually waiting before it moves time forward.
/// </summary>
internal sealed class ObservedClock : TimeProvider
{
    private static readonly TimeSpan s_testTimeout = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _fake = new(new DateTimeOffset(2026, 1, 15, 10, 30, 0, TimeSpan.Zero));
    private readonly List<(TimeSpan Due, TimeSpan Period)> _timers = new();
    private TaskCompletionSource _created = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int TimerCount
    {
        get { lock (_timers) return _timers.Count; }
    }

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override long TimestampFrequency => _fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _fake.CreateTimer(callback, state, dueTime, period);
        TaskCompletionSource created;
        lock (_timers)
        {
            _timers.Add((dueTime, period));
            created = _created;
            _created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        created.TrySetResult();
        return timer;
    }

    public void Advance(TimeSpan by) => _fake.Advance(by);

    /// <summary>Waits (bounded by real time) for a one-shot timer created at or after index <paramref name="since"/> whose due time matches.</summary>
    public async Task<TimeSpan> WaitForTimerAsync(Func<TimeSpan, bool> match, int since = 0)
    {
        using var timeout = new CancellationTokenSource(s_testTimeout);
        while (true)
        {
            Task next;
            lock (_timers)
            {
                for (var i = since; i < _timers.Count; i++)
                {
                    if (_timers[i].Period == Timeout.InfiniteTimeSpan && match(_timers[i].Due)) return _timers[i].Due;
                }
                next = _created.Task;
            }
            try
            {
                await next.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                string seen;
                lock (_timers) seen = string.Join(", ", _timers.Skip(since).Select(t => t.Due.ToString()));
                throw new TimeoutException($"No matching timer was created; timers seen since {since}: [{seen}]");
            }
        }
    }

    /// <summary>Waits for <paramref name="count"/> one-shot timers at or after <paramref name="since"/> that match.</summary>
    public async Task WaitForTimersAsync(int count, Func<TimeSpan, bool> match, int since = 0)
    {
        using var timeout = new CancellationTokenSource(s_testTimeout);
        while (true)
        {
            Task next;
            lock (_timers)
            {
                var found = _timers.Skip(since).Count(t => t.Period == Timeout.InfiniteTimeSpan && match(t.Due));
                if (found >= count) return;
                next = _created.Task;
            }
            await next.WaitAsync(timeout.Token);
        }
    }
}
