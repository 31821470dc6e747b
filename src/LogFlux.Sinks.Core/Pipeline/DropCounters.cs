using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using LogFlux.Sinks.Diagnostics;

namespace LogFlux.Sinks.Pipeline;

/// <summary>
/// Counts dropped entries by reason, and entries whose delivery ended unknown, and turns them into at most one
/// Warning diagnostic per interval, so that nothing goes unreported: the first one is reported at once, later
/// ones in the next summary (<see cref="ReportIfDue"/> is also driven by a timer, and by close with <c>force</c>).
/// </summary>
internal sealed class DropCounters
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _byReason = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _reported = new(StringComparer.Ordinal);
    private readonly SelfDiagnostics _diagnostics;
    private readonly TimeProvider _time;
    private readonly long _intervalTicks;
    private long _total;
    private long _unknown;
    private long _unknownReported;
    private long _nextReportTicks;

    public DropCounters(SelfDiagnostics diagnostics, TimeProvider time, TimeSpan interval)
    {
        _diagnostics = diagnostics;
        _time = time;
        _intervalTicks = Math.Max(1, interval.Ticks);
    }

    public long Total => Interlocked.Read(ref _total);

    public void Count(string reason, int count = 1)
    {
        if (count <= 0) return;
        var box = _byReason.GetOrAdd(reason, static _ => new StrongBox<long>());
        Interlocked.Add(ref box.Value, count);
        Interlocked.Add(ref _total, count);
        ReportIfDue(force: false);
    }

    /// <summary>Counts entries whose batch gave up after a lost response (not drops: the server may have stored them).</summary>
    public void CountDeliveryUnknown(int count)
    {
        if (count <= 0) return;
        Interlocked.Add(ref _unknown, count);
        ReportIfDue(force: false);
    }

    /// <summary>Reason → count, for reasons seen so far.</summary>
    public IReadOnlyDictionary<string, long> Snapshot()
    {
        var copy = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var pair in _byReason)
        {
            var value = Interlocked.Read(ref pair.Value.Value);
            if (value > 0) copy[pair.Key] = value;
        }
        return copy;
    }

    /// <summary>Enumerates reason → count without copying (for metric callbacks).</summary>
    public IEnumerable<KeyValuePair<string, long>> Current()
    {
        foreach (var pair in _byReason) yield return new(pair.Key, Interlocked.Read(ref pair.Value.Value));
    }

    /// <summary>Writes one summary of the drops not reported yet, unless one was written less than an interval ago.</summary>
    public void ReportIfDue(bool force)
    {
        var now = _time.GetUtcNow().UtcTicks;
        var next = Interlocked.Read(ref _nextReportTicks);
        if (!force && now < next) return;
        if (!force && Interlocked.CompareExchange(ref _nextReportTicks, now + _intervalTicks, next) != next) return;

        string? message;
        lock (_reported)
        {
            message = DescribeUnreported();
        }
        if (message is null)
        {
            // Nothing new: let the next drop be reported at once.
            if (!force) Interlocked.CompareExchange(ref _nextReportTicks, next, now + _intervalTicks);
            return;
        }
        if (force) Interlocked.Exchange(ref _nextReportTicks, now + _intervalTicks);
        _diagnostics.Warn(message);
    }

    private string? DescribeUnreported()
    {
        StringBuilder? text = null;
        long sum = 0;
        foreach (var pair in _byReason.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var value = Interlocked.Read(ref pair.Value.Value);
            _reported.TryGetValue(pair.Key, out var before);
            if (value <= before) continue;
            _reported[pair.Key] = value;
            sum += value - before;
            text = text is null ? new StringBuilder() : text.Append(", ");
            text.Append(pair.Key).Append('=').Append(value - before);
        }
        var dropped = text is null ? null : $"Dropped {sum} entr{(sum == 1 ? "y" : "ies")} ({text}); {Total} dropped in total since start.";
        var unknown = Interlocked.Read(ref _unknown);
        var newUnknown = unknown - _unknownReported;
        if (newUnknown <= 0) return dropped;
        _unknownReported = unknown;
        var lost = $"{newUnknown} entr{(newUnknown == 1 ? "y" : "ies")} ended with delivery unknown: a response was lost and " +
                   $"the retries that followed failed, so the server may or may not have stored {(newUnknown == 1 ? "it" : "them")} " +
                   $"({unknown} in total since start; not counted as dropped).";
        return dropped is null ? lost : dropped + " " + lost;
    }
}
