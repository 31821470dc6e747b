using System.Diagnostics;
using LogFlux.Sinks;
using Serilog.Events;
using P = LogFlux.Sinks.Adapters.FrameworkEntryProperties;

namespace Serilog.Sinks.LogFlux;

/// <summary>
/// A span started with <see cref="LogFluxLoggerExtensions.StartSpan"/>. While it runs,
/// <see cref="Activity.Current"/> (in the flow that started it) carries its W3C trace and span id, so events
/// logged inside it are correlated. <see cref="End"/> or <see cref="Dispose"/> restores the previous activity
/// and writes the span as an Information event, once; the LogFlux sink sends it as a trace span. No member throws.
/// </summary>
public sealed class LogFluxSerilogSpan : IDisposable
{
    /// <summary>The name of the <see cref="ActivitySource"/> the span activities come from when someone listens.</summary>
    public const string ActivitySourceName = "Serilog.Sinks.LogFlux";

    private static readonly ActivitySource Source = new(ActivitySourceName);

    private readonly ILogger _logger;
    private readonly Activity? _activity;
    private readonly Activity? _previous;
    private readonly long _startTicks;
    private readonly Dictionary<string, object?> _attributes = new(StringComparer.Ordinal);
    private string _status = "ok";
    private int _ended;

    private LogFluxSerilogSpan(ILogger logger, string operation, string name, string traceId, string spanId, string? parentSpanId,
        Activity? activity, Activity? previous)
    {
        _logger = logger;
        Operation = operation;
        Name = name;
        TraceId = traceId;
        SpanId = spanId;
        ParentSpanId = parentSpanId;
        _activity = activity;
        _previous = previous;
        StartTime = DateTimeOffset.UtcNow;
        _startTicks = Stopwatch.GetTimestamp();
    }

    /// <summary>The operation, e.g. <c>db.query</c>.</summary>
    public string Operation { get; }

    /// <summary>The human description.</summary>
    public string Name { get; }

    /// <summary>32 lowercase hex characters.</summary>
    public string TraceId { get; }

    /// <summary>16 lowercase hex characters.</summary>
    public string SpanId { get; }

    /// <summary>The parent span id, or null for a root span.</summary>
    public string? ParentSpanId { get; }

    /// <summary>When the span started.</summary>
    public DateTimeOffset StartTime { get; }

    /// <summary><c>ok</c> (default) or <c>error</c>.</summary>
    public string Status => _status;

    /// <summary>True once the span has ended.</summary>
    public bool IsEnded => Volatile.Read(ref _ended) != 0;

    /// <summary>Sets an attribute of the span (written as a property of the span event; null removes it).</summary>
    /// <param name="key">The attribute name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This span.</returns>
    public LogFluxSerilogSpan SetAttribute(string key, object? value)
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
    public LogFluxSerilogSpan SetStatus(string status)
    {
        if (string.Equals(status, "ok", StringComparison.OrdinalIgnoreCase)) _status = "ok";
        else if (string.Equals(status, "error", StringComparison.OrdinalIgnoreCase)) _status = "error";
        return this;
    }

    /// <summary>Marks the span failed: status <c>error</c> and attribute <c>error.message</c>.</summary>
    /// <param name="exception">The failure.</param>
    /// <returns>This span.</returns>
    public LogFluxSerilogSpan SetError(Exception exception)
    {
        _status = "error";
        if (exception is null) return this;
        string message;
        try
        {
            message = exception.Message;
        }
        catch (Exception ex)
        {
            message = $"<error reading message: {ex.GetType().Name}>";
        }
        return SetAttribute("error.message", message);
    }

    /// <summary>Ends the span (once): restores the previous activity and writes the span event.</summary>
    public void End()
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0) return;
        try
        {
            var durationMs = Math.Max(0, Stopwatch.GetElapsedTime(_startTicks).TotalMilliseconds);
            StopActivity();
            List<KeyValuePair<string, object?>> attributes;
            lock (_attributes) attributes = new(_attributes);
            var markers = new List<KeyValuePair<string, object?>>(5)
            {
                new(P.Kind, P.KindSpan),
                new(P.SpanTraceId, TraceId),
                new(P.SpanId, SpanId),
                new(P.SpanStart, StartTime.UtcDateTime),
            };
            if (ParentSpanId is not null) markers.Add(new(P.SpanParentId, ParentSpanId));
            if (_logger.IsEnabled(LogEventLevel.Information))
            {
                LogFluxLoggerExtensions.Write(_logger, markers, attributes, P.SpanTemplate, Operation, Name, Math.Round(durationMs, 3), _status);
            }
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

    internal static LogFluxSerilogSpan Start(ILogger logger, string? operation, string? name)
    {
        operation ??= string.Empty;
        name ??= string.Empty;
        var previous = Activity.Current;
        var hasParent = LogFluxTraceContext.TryGetCurrent(out var parentTrace, out var parentSpan) && parentTrace.Length == 32 && parentSpan.Length == 16;
        Activity? activity = null;
        try
        {
            activity = StartActivity(operation, name, hasParent ? parentTrace : null, hasParent ? parentSpan : null);
        }
        catch (Exception)
        {
            Activity.Current = previous;
        }

        string traceId, spanId;
        if (activity is not null && activity.IdFormat == ActivityIdFormat.W3C)
        {
            traceId = activity.TraceId.ToHexString();
            spanId = activity.SpanId.ToHexString();
        }
        else
        {
            traceId = hasParent ? parentTrace : ActivityTraceId.CreateRandom().ToHexString();
            spanId = ActivitySpanId.CreateRandom().ToHexString();
        }
        return new LogFluxSerilogSpan(logger ?? Log.Logger, operation, name, traceId, spanId, hasParent ? parentSpan : null, activity, previous);
    }

    private static Activity StartActivity(string operation, string name, string? parentTrace, string? parentSpan)
    {
        ActivityContext parent = default;
        if (parentTrace is not null && parentSpan is not null)
        {
            parent = new ActivityContext(ActivityTraceId.CreateFromString(parentTrace.AsSpan()), ActivitySpanId.CreateFromString(parentSpan.AsSpan()), ActivityTraceFlags.Recorded);
        }
        else
        {
            // A root span: no implicit parent from a non-W3C activity.
            Activity.Current = null;
        }

        var activity = Source.HasListeners()
            ? Source.CreateActivity(operation, ActivityKind.Internal, parent, idFormat: ActivityIdFormat.W3C)
            : null;
        if (activity is null)
        {
            activity = new Activity(operation);
            activity.SetIdFormat(ActivityIdFormat.W3C);
            if (parentTrace is not null) activity.SetParentId(parent.TraceId, parent.SpanId, parent.TraceFlags);
        }
        activity.DisplayName = name;
        activity.Start();
        return activity;
    }

    private void StopActivity()
    {
        if (_activity is null) return;
        var current = Activity.Current;
        _activity.Stop();
        // Only put the previous activity back when this span's activity is still the current one in this flow.
        Activity.Current = ReferenceEquals(current, _activity) ? _previous : current;
    }
}
