using System.Diagnostics;
using System.Globalization;
using LogFlux.Sinks.Context;
using LogFlux.Sinks.Records;
using P = LogFlux.Sinks.Records.FrameworkEntryProperties;

namespace LogFlux.Sinks.Adapters;

/// <summary>
/// The span behind the framework helpers (<c>logger.StartSpan(...)</c> in Serilog, NLog and log4net). While it
/// runs, <see cref="Activity.Current"/> in the flow that started it carries its W3C trace and span id, so events
/// logged inside are correlated by every adapter. <see cref="End"/> (or <see cref="Dispose"/>) restores the
/// previous activity and hands the span's event properties (see <see cref="FrameworkEntryProperties"/>) to the
/// adapter's writer once, which logs them as an ordinary framework event. No member throws.
/// </summary>
public sealed class FrameworkSpan : IDisposable
{
    /// <summary>The <see cref="ActivitySource"/> name of span activities, for listeners.</summary>
    public const string ActivitySourceName = "LogFlux.Sinks.Framework";

    private static readonly ActivitySource Source = new(ActivitySourceName);

    private readonly Action<FrameworkSpan, IReadOnlyList<KeyValuePair<string, object?>>> _write;
    private readonly Activity? _activity;
    private readonly Activity? _previous;
    private readonly long _startTicks;
    private readonly Dictionary<string, object?> _attributes = new(StringComparer.Ordinal);
    private string _status = "ok";
    private int _ended;

    private FrameworkSpan(string operation, string name, Action<FrameworkSpan, IReadOnlyList<KeyValuePair<string, object?>>> write)
    {
        Operation = string.IsNullOrEmpty(operation) ? "span" : operation;
        Name = name ?? string.Empty;
        _write = write;
        _previous = Activity.Current;
        StartTime = DateTimeOffset.UtcNow;
        _startTicks = Stopwatch.GetTimestamp();
        try
        {
            _activity = StartActivity(Operation, Name, out var parentSpanId);
            ParentSpanId = parentSpanId;
            TraceId = _activity.TraceId.ToHexString();
            SpanId = _activity.SpanId.ToHexString();
        }
        catch (Exception)
        {
            Activity.Current = _previous;
            _activity = null;
            TraceId = TraceIds.NewTraceId();
            SpanId = TraceIds.NewSpanId();
        }
    }

    /// <summary>
    /// Starts a span: a child of the current trace context (<see cref="LogFluxTraceContext"/>) or a new root.
    /// </summary>
    /// <param name="operation">Operation, e.g. <c>db.query</c>.</param>
    /// <param name="name">Human description.</param>
    /// <param name="write">Called once at the end with the span and the properties of its event (marker
    /// properties first, then the span's attributes); the adapter logs them at Information level with
    /// <see cref="FrameworkEntryProperties.SpanTemplate"/> or <see cref="Message"/>.</param>
    /// <param name="attributes">Initial attributes.</param>
    /// <returns>The running span.</returns>
    public static FrameworkSpan Start(string operation, string name, Action<FrameworkSpan, IReadOnlyList<KeyValuePair<string, object?>>> write,
        IEnumerable<KeyValuePair<string, object?>>? attributes = null)
    {
        var span = new FrameworkSpan(operation, name, write);
        if (attributes is not null)
        {
            foreach (var pair in attributes) span.SetAttribute(pair.Key, pair.Value);
        }
        return span;
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

    /// <summary>Duration in milliseconds so far (final once ended).</summary>
    public double DurationMs { get; private set; }

    /// <summary>The readable message of the span event: <c>Span {operation} {name} finished in {ms} ms ({status})</c>.</summary>
    public string Message => $"Span {Operation} {Name} finished in {FormatDuration()} ms ({_status})";

    /// <summary>The <c>X-LogFlux-Trace</c> header value that continues this span's trace in another service.</summary>
    public string TraceHeader => Protocol.TraceHeader.Format(TraceId, SpanId, sampled: true);

    /// <summary>Sets an attribute (null removes it).</summary>
    /// <param name="key">The attribute name.</param>
    /// <param name="value">The value, formatted like any event property.</param>
    /// <returns>This span.</returns>
    public FrameworkSpan SetAttribute(string key, object? value)
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
    public FrameworkSpan SetStatus(string status)
    {
        if (string.Equals(status, "ok", StringComparison.OrdinalIgnoreCase)) _status = "ok";
        else if (string.Equals(status, "error", StringComparison.OrdinalIgnoreCase)) _status = "error";
        return this;
    }

    /// <summary>Marks the span failed: status <c>error</c> and attribute <c>error.message</c>.</summary>
    /// <param name="exception">The failure.</param>
    /// <returns>This span.</returns>
    public FrameworkSpan SetError(Exception exception)
    {
        _status = "error";
        if (exception is not null) SetAttribute("error.message", SafeMessage(exception));
        return this;
    }

    /// <summary>Ends the span, writes its event once (while the span is still current) and restores the previous activity.</summary>
    public void End()
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0) return;
        try
        {
            DurationMs = Math.Max(0, Stopwatch.GetElapsedTime(_startTicks).TotalMilliseconds);
            _write(this, BuildProperties());
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

    private List<KeyValuePair<string, object?>> BuildProperties()
    {
        var properties = new List<KeyValuePair<string, object?>>(12)
        {
            new(P.Kind, P.KindSpan),
            new(P.SpanOperation, Operation),
            new(P.SpanName, Name),
            new(P.SpanTraceId, TraceId),
            new(P.SpanId, SpanId),
            new(P.SpanStart, StartTime),
            new(P.SpanDurationMs, Math.Round(DurationMs, 3)),
            new(P.SpanStatus, _status),
        };
        if (ParentSpanId is not null) properties.Add(new(P.SpanParentId, ParentSpanId));
        lock (_attributes) properties.AddRange(_attributes);
        return properties;
    }

    private string FormatDuration() => Math.Round(DurationMs, 3).ToString("R", CultureInfo.InvariantCulture);

    private static Activity StartActivity(string operation, string name, out string? parentSpanId)
    {
        var hasParent = LogFluxTraceContext.TryGetCurrent(out var parentTrace, out var parentSpan);
        parentSpanId = hasParent ? parentSpan : null;
        var context = hasParent
            ? new ActivityContext(ActivityTraceId.CreateFromString(parentTrace.AsSpan()), ActivitySpanId.CreateFromString(parentSpan.AsSpan()), ActivityTraceFlags.Recorded)
            : default;
        if (!hasParent) Activity.Current = null;
        var activity = Source.StartActivity(operation, ActivityKind.Internal, context);
        if (activity is null)
        {
            activity = new Activity(operation);
            activity.SetIdFormat(ActivityIdFormat.W3C);
            if (hasParent) activity.SetParentId(context.TraceId, context.SpanId, context.TraceFlags);
            activity.Start();
        }
        activity.DisplayName = name;
        return activity;
    }

    private void StopActivity()
    {
        if (_activity is null) return;
        try
        {
            var current = Activity.Current;
            _activity.Stop();
            Activity.Current = ReferenceEquals(current, _activity) ? _previous : current;
        }
        catch (Exception)
        {
            // Restoring the ambient activity is best effort.
        }
    }

    private static string SafeMessage(Exception exception)
    {
        try { return exception.Message; }
        catch (Exception) { return exception.GetType().FullName ?? "error"; }
    }
}
