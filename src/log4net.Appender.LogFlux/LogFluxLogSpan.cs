using System.Diagnostics;
using log4net.Appender.LogFlux.Helpers;
using log4net.Core;
using LogFlux.Sinks;
using static LogFlux.Sinks.Adapters.FrameworkEntryProperties;

namespace log4net.Appender.LogFlux;

/// <summary>
/// A span written through log4net (see <see cref="LogFluxLogExtensions.StartSpan"/>). While it is open it is
/// the current <see cref="Activity"/> of the flow that started it, so events logged inside carry its trace and
/// span ids. <see cref="End"/> (or <see cref="Dispose"/>) writes it once; later calls do nothing. No member throws.
/// </summary>
public sealed class LogFluxLogSpan : IDisposable
{
    private const string SpanIdProperty = global::LogFlux.Sinks.Adapters.FrameworkEntryProperties.SpanId;

    private readonly ILog _log;
    private readonly Activity? _activity;
    private readonly Activity? _activityBefore;
    private readonly long _startTimestamp;
    private readonly Dictionary<string, object?> _attributes = new(StringComparer.Ordinal);
    private string _status = "ok";
    private int _ended;

    private LogFluxLogSpan(ILog log, string operation, string name, string traceId, string spanId, string? parentSpanId,
        Activity? activity, Activity? activityBefore)
    {
        _log = log;
        Operation = operation;
        Name = name;
        TraceId = traceId;
        SpanId = spanId;
        ParentSpanId = parentSpanId;
        _activity = activity;
        _activityBefore = activityBefore;
        StartTime = DateTimeOffset.UtcNow;
        _startTimestamp = Stopwatch.GetTimestamp();
    }

    /// <summary>32 lowercase hex characters.</summary>
    public string TraceId { get; }

    /// <summary>16 lowercase hex characters.</summary>
    public string SpanId { get; }

    /// <summary>The parent span id, or null for a root span.</summary>
    public string? ParentSpanId { get; }

    /// <summary>The operation, e.g. <c>db.query</c>.</summary>
    public string Operation { get; }

    /// <summary>The human description.</summary>
    public string Name { get; }

    /// <summary>When the span started.</summary>
    public DateTimeOffset StartTime { get; }

    /// <summary><c>ok</c> (default) or <c>error</c>.</summary>
    public string Status => _status;

    /// <summary>True once <see cref="End"/> was called.</summary>
    public bool IsEnded => Volatile.Read(ref _ended) != 0;

    /// <summary>Sets (or with null removes) an attribute.</summary>
    /// <param name="key">The attribute name.</param>
    /// <param name="value">The value (formatted like any event property).</param>
    /// <returns>This span.</returns>
    public LogFluxLogSpan SetAttribute(string key, object? value)
    {
        if (key is null) return this;
        lock (_attributes)
        {
            if (value is null) _attributes.Remove(key);
            else _attributes[key] = value;
        }
        return this;
    }

    /// <summary>Sets the status: <c>ok</c> or <c>error</c> (other values are ignored).</summary>
    /// <param name="status">The status.</param>
    /// <returns>This span.</returns>
    public LogFluxLogSpan SetStatus(string status)
    {
        if (string.Equals(status, "ok", StringComparison.OrdinalIgnoreCase)) _status = "ok";
        else if (string.Equals(status, "error", StringComparison.OrdinalIgnoreCase)) _status = "error";
        return this;
    }

    /// <summary>Marks the span failed: status <c>error</c> and attribute <c>error.message</c>.</summary>
    /// <param name="exception">The failure.</param>
    /// <returns>This span.</returns>
    public LogFluxLogSpan SetError(Exception exception)
    {
        _status = "error";
        if (exception is not null) SetAttribute("error.message", exception.Message);
        return this;
    }

    /// <summary>Ends the span, writes its INFO event (once) and restores the previous current activity.</summary>
    public void End()
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0) return;
        try
        {
            var durationMs = Math.Max(0, Stopwatch.GetElapsedTime(_startTimestamp).TotalMilliseconds);
            var duration = HelperEventWriter.Number(Math.Round(durationMs, 3));
            List<KeyValuePair<string, object?>> attributes;
            lock (_attributes) attributes = _attributes.ToList();
            var marker = new List<KeyValuePair<string, string>>
            {
                new(Kind, KindSpan), new(SpanOperation, Operation), new(SpanName, Name), new(SpanTraceId, TraceId),
                new(SpanIdProperty, SpanId), new(SpanStart, AttributeValueFormatter.Format(StartTime) ?? string.Empty),
                new(SpanDurationMs, duration), new(SpanStatus, _status),
            };
            if (ParentSpanId is not null) marker.Add(new(SpanParentId, ParentSpanId));
            // Written while the span is still current, so the event's own trace attributes match the span.
            HelperEventWriter.Write(_log, Level.Info, $"Span {Operation} {Name} finished in {duration} ms ({_status})", marker, attributes);
        }
        catch (Exception)
        {
            // Ending a span never throws into the host.
        }
        finally
        {
            StopActivity();
        }
    }

    /// <summary>Same as <see cref="End"/>.</summary>
    public void Dispose() => End();

    /// <inheritdoc />
    public override string ToString() => $"{Operation} {Name} ({TraceId}-{SpanId})";

    internal static LogFluxLogSpan Start(ILog log, string operation, string name, IEnumerable<KeyValuePair<string, object?>>? attributes)
    {
        var before = Activity.Current;
        Activity? activity = null;
        string? parentSpanId = null;
        string traceId, spanId;
        try
        {
            var hasParent = LogFluxTraceContext.TryGetCurrent(out var parentTrace, out var parentSpan);
            activity = new Activity(string.IsNullOrEmpty(operation) ? "span" : operation);
            activity.SetIdFormat(ActivityIdFormat.W3C);
            if (hasParent)
            {
                activity.SetParentId(ActivityTraceId.CreateFromString(parentTrace.AsSpan()), ActivitySpanId.CreateFromString(parentSpan.AsSpan()),
                    ActivityTraceFlags.Recorded);
                parentSpanId = parentSpan;
            }
            else
            {
                // A new root: no implicit parent from a non-W3C activity.
                Activity.Current = null;
            }
            activity.DisplayName = name;
            activity.Start();
            traceId = activity.TraceId.ToHexString();
            spanId = activity.SpanId.ToHexString();
        }
        catch (Exception)
        {
            Activity.Current = before;
            activity = null;
            traceId = ActivityTraceId.CreateRandom().ToHexString();
            spanId = ActivitySpanId.CreateRandom().ToHexString();
        }

        var span = new LogFluxLogSpan(log, operation, name, traceId, spanId, parentSpanId, activity, before);
        if (attributes is not null)
        {
            foreach (var pair in attributes) span.SetAttribute(pair.Key, pair.Value);
        }
        return span;
    }

    private void StopActivity()
    {
        if (_activity is null) return;
        try
        {
            var current = Activity.Current;
            _activity.Stop();
            Activity.Current = ReferenceEquals(current, _activity) ? _activityBefore : current;
        }
        catch (Exception)
        {
            // Restoring the ambient activity is best effort.
        }
    }
}
