using System.Diagnostics;
using System.Globalization;
using LogFlux.Sinks;
using NLog.Targets.LogFlux.Internal;
using static LogFlux.Sinks.Adapters.FrameworkEntryProperties;

namespace NLog.Targets.LogFlux;

/// <summary>
/// A trace span written through NLog (see <see cref="NLog.LogFluxLoggerExtensions.StartSpan"/>). While it is
/// active it is the current span of the flow that started it, and <see cref="Activity.Current"/> carries
/// its ids. <see cref="End"/> (or <see cref="Dispose"/>) writes it once as an Info event; later calls do
/// nothing. No member throws.
/// </summary>
public sealed class LogFluxNLogSpan : IDisposable
{
    private static readonly AsyncLocal<LogFluxNLogSpan?> s_current = new();

    private readonly ILogger? _logger;
    private readonly Activity? _activity;
    private readonly Activity? _activityBefore;
    private readonly LogFluxNLogSpan? _previous;
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly Dictionary<string, object?> _attributes = new(StringComparer.Ordinal);
    private string _status = "ok";
    private int _ended;

    private LogFluxNLogSpan(ILogger? logger, string operation, string name, string traceId, string spanId, string? parentSpanId,
        Activity? activity, Activity? activityBefore)
    {
        _logger = logger;
        Operation = operation;
        Name = name;
        TraceId = traceId;
        SpanId = spanId;
        ParentSpanId = parentSpanId;
        StartTime = DateTimeOffset.UtcNow;
        _activity = activity;
        _activityBefore = activityBefore;
        _previous = s_current.Value;
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

    /// <summary>When the span started (UTC).</summary>
    public DateTimeOffset StartTime { get; }

    /// <summary><c>ok</c> (default) or <c>error</c>.</summary>
    public string Status => _status;

    /// <summary>True once the span has ended.</summary>
    public bool IsEnded => Volatile.Read(ref _ended) != 0;

    /// <summary>Sets (or with null removes) an attribute; non-string values are formatted like event properties.</summary>
    /// <param name="key">The attribute name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This span.</returns>
    public LogFluxNLogSpan SetAttribute(string key, object? value)
    {
        if (string.IsNullOrEmpty(key)) return this;
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
    public LogFluxNLogSpan SetStatus(string status)
    {
        if (string.Equals(status, "ok", StringComparison.OrdinalIgnoreCase)) _status = "ok";
        else if (string.Equals(status, "error", StringComparison.OrdinalIgnoreCase)) _status = "error";
        return this;
    }

    /// <summary>Marks the span failed: status <c>error</c> and attribute <c>error.message</c>.</summary>
    /// <param name="exception">The failure.</param>
    /// <returns>This span.</returns>
    public LogFluxNLogSpan SetError(Exception? exception)
    {
        _status = "error";
        if (exception is not null) SetAttribute("error.message", exception.Message);
        return this;
    }

    /// <summary>Ends the span, restores the previous span and activity, and writes it (once).</summary>
    public void End()
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0) return;
        try
        {
            var duration = _watch.Elapsed;
            Restore();
            WriteEvent(duration);
        }
        catch (Exception)
        {
            // Ending a span never throws into the host.
        }
    }

    /// <summary>Same as <see cref="End"/>.</summary>
    public void Dispose() => End();

    /// <inheritdoc />
    public override string ToString() => $"{Operation} {Name} ({TraceId}-{SpanId})";

    /// <summary>
    /// The ids of the innermost span of the calling flow: this adapter's span when its activity is the
    /// current one, else the LogFlux span or activity that <see cref="LogFluxTraceContext"/> reports.
    /// </summary>
    internal static bool TryGetCurrentIds(out string traceId, out string spanId)
    {
        if (s_current.Value is { } span && !span.IsEnded && (span._activity is null || ReferenceEquals(Activity.Current, span._activity)))
        {
            traceId = span.TraceId;
            spanId = span.SpanId;
            return true;
        }
        return LogFluxTraceContext.TryGetCurrent(out traceId, out spanId);
    }

    internal static LogFluxNLogSpan Start(ILogger? logger, string? operation, string? name, IReadOnlyDictionary<string, object?>? attributes)
    {
        operation ??= string.Empty;
        name ??= string.Empty;
        var hasParent = TryGetCurrentIds(out var parentTraceId, out var parentSpanId);
        var before = Activity.Current;
        Activity? activity = null;
        string traceId, spanId;
        try
        {
            activity = new Activity(operation);
            activity.SetIdFormat(ActivityIdFormat.W3C);
            if (hasParent)
            {
                activity.SetParentId(
                    ActivityTraceId.CreateFromString(parentTraceId.AsSpan()),
                    ActivitySpanId.CreateFromString(parentSpanId.AsSpan()),
                    ActivityTraceFlags.Recorded);
            }
            else
            {
                // A new root: do not become a child of a non-W3C activity that happens to be current.
                Activity.Current = null;
            }
            activity.DisplayName = name;
            activity.Start();
            traceId = activity.TraceId.ToHexString();
            spanId = activity.SpanId.ToHexString();
        }
        catch (Exception)
        {
            activity = null;
            Activity.Current = before;
            traceId = hasParent ? parentTraceId : ActivityTraceId.CreateRandom().ToHexString();
            spanId = ActivitySpanId.CreateRandom().ToHexString();
        }

        var span = new LogFluxNLogSpan(logger, operation, name, traceId, spanId, hasParent ? parentSpanId : null, activity, before);
        if (attributes is not null)
        {
            foreach (var pair in attributes) span.SetAttribute(pair.Key, pair.Value);
        }
        s_current.Value = span;
        return span;
    }

    private void Restore()
    {
        if (ReferenceEquals(s_current.Value, this)) s_current.Value = _previous;
        if (_activity is null) return;
        var current = Activity.Current;
        _activity.Stop();
        Activity.Current = ReferenceEquals(current, _activity) ? _activityBefore : current;
    }

    private void WriteEvent(TimeSpan duration)
    {
        if (!LogFluxLoggerExtensions.Enabled(_logger)) return;
        var milliseconds = Math.Max(0, duration.TotalMilliseconds);
        var millisecondsText = milliseconds.ToString("0.###", CultureInfo.InvariantCulture);
        Dictionary<string, object?> attributes;
        lock (_attributes) attributes = new Dictionary<string, object?>(_attributes, StringComparer.Ordinal);

        var logEvent = LogFluxLoggerExtensions.Create(_logger!, $"Span {Operation} {Name} finished in {millisecondsText} ms ({_status})", attributes);
        logEvent.Properties[Kind] = KindSpan;
        logEvent.Properties[SpanOperation] = Operation;
        logEvent.Properties[SpanName] = Name;
        logEvent.Properties[SpanTraceId] = TraceId;
        logEvent.Properties[FrameworkSpanId] = SpanId;
        if (ParentSpanId is not null) logEvent.Properties[SpanParentId] = ParentSpanId;
        logEvent.Properties[SpanStart] = AttributeValueFormatter.Format(StartTime);
        logEvent.Properties[SpanDurationMs] = milliseconds;
        logEvent.Properties[SpanStatus] = _status;
        LogFluxLoggerExtensions.Write(_logger!, logEvent);
    }

    private const string FrameworkSpanId = global::LogFlux.Sinks.Adapters.FrameworkEntryProperties.SpanId;
}
