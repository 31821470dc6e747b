using System.Diagnostics;
using LogFlux.Sinks.Context;

namespace LogFlux.Sinks;

/// <summary>
/// A trace span (docs/protocol.md#spans). While it is active it is the current span of the async flow that started
/// it, and <see cref="Activity.Current"/> carries the same trace and span ids. <see cref="End"/> (or
/// <see cref="Dispose"/>) sends it once; later calls do nothing. No member throws.
/// </summary>
public sealed class LogFluxSpan : IDisposable
{
    /// <summary>The <see cref="ActivitySource"/> name of the activities that mirror LogFlux spans, for listeners (and exporters that must not send them again).</summary>
    public const string ActivitySourceName = SpanActivity.SourceName;

    private static readonly AsyncLocal<LogFluxSpan?> s_ambient = new();

    private readonly LogFluxClient? _client;
    private readonly TimeProvider _time;
    private readonly Activity? _activity;
    private readonly Activity? _activityBefore;
    private readonly LogFluxSpan? _previousCurrent;
    private readonly LogFluxSpan? _previousAmbient;
    private readonly Dictionary<string, string> _attributes = new(StringComparer.Ordinal);
    private string _status = "ok";
    private int _ended;

    private LogFluxSpan(LogFluxClient? client, TimeProvider time, string operation, string name, string traceId, string spanId,
        string? parentSpanId, bool sampled, Activity? activity, Activity? activityBefore)
    {
        _client = client;
        _time = time;
        Operation = operation;
        Name = name;
        TraceId = traceId;
        SpanId = spanId;
        ParentSpanId = parentSpanId;
        IsSampled = sampled;
        _activity = activity;
        _activityBefore = activityBefore;
        StartTime = time.GetUtcNow();
        _previousAmbient = s_ambient.Value;
        if (client is not null) _previousCurrent = client.CurrentSpan;
    }

    /// <summary>The innermost active span of any client in this async flow.</summary>
    internal static LogFluxSpan? Ambient => s_ambient.Value;

    /// <summary>32 lowercase hex characters.</summary>
    public string TraceId { get; }

    /// <summary>16 lowercase hex characters.</summary>
    public string SpanId { get; }

    /// <summary>The parent span id, or null for a root span.</summary>
    public string? ParentSpanId { get; }

    /// <summary>The operation, e.g. <c>db.query</c>.</summary>
    public string Operation { get; }

    /// <summary>The human description, e.g. <c>SELECT * FROM users</c>.</summary>
    public string Name { get; private set; }

    /// <summary>When the span started.</summary>
    public DateTimeOffset StartTime { get; }

    /// <summary>The trace's sampling decision; an unsampled span is not sent.</summary>
    public bool IsSampled { get; }

    /// <summary>True once <see cref="End"/> was called.</summary>
    public bool IsEnded => Volatile.Read(ref _ended) != 0;

    /// <summary><c>ok</c> (default) or <c>error</c>.</summary>
    public string Status => _status;

    /// <summary>The <c>X-LogFlux-Trace</c> value that makes a downstream service continue this trace under this span.</summary>
    public string TraceHeader => Protocol.TraceHeader.Format(TraceId, SpanId, IsSampled);

    /// <summary>Starts a child span of this span (current in the calling flow until it ends).</summary>
    /// <param name="operation">The operation, e.g. <c>db.query</c>.</param>
    /// <param name="name">The human description.</param>
    /// <param name="attributes">Optional attributes.</param>
    /// <returns>The child span.</returns>
    public LogFluxSpan StartChild(string operation, string name, IReadOnlyDictionary<string, string>? attributes = null)
        => Start(_client, operation, name, new SpanParent(TraceId, SpanId, IsSampled, IsRemote: false), attributes);

    /// <summary>Sets (or with null removes) an attribute.</summary>
    /// <param name="key">The attribute name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This span.</returns>
    public LogFluxSpan SetAttribute(string key, string? value)
    {
        AttributeMap.Set(_attributes, key, value);
        return this;
    }

    /// <summary>
    /// Replaces the human description, e.g. once a request's route template is known. Ignored for null and
    /// after the span ended.
    /// </summary>
    /// <param name="name">The new description.</param>
    /// <returns>This span.</returns>
    public LogFluxSpan SetName(string name)
    {
        if (name is null || IsEnded) return this;
        Name = name;
        if (_activity is not null) _activity.DisplayName = name;
        return this;
    }

    /// <summary>Sets the status: <c>ok</c> or <c>error</c> (other values are ignored).</summary>
    /// <param name="status">The status.</param>
    /// <returns>This span.</returns>
    public LogFluxSpan SetStatus(string status)
    {
        if (string.Equals(status, "ok", StringComparison.OrdinalIgnoreCase)) _status = "ok";
        else if (string.Equals(status, "error", StringComparison.OrdinalIgnoreCase)) _status = "error";
        return this;
    }

    /// <summary>Marks the span failed: status <c>error</c> and attribute <c>error.message</c>.</summary>
    /// <param name="exception">The failure.</param>
    /// <returns>This span.</returns>
    public LogFluxSpan SetError(Exception exception)
    {
        _status = "error";
        if (exception is not null) SetAttribute("error.message", Errors.ExceptionMapper.Message(exception));
        return this;
    }

    /// <summary>Ends the span and sends it (once). Restores the previous current span and activity.</summary>
    public void End()
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0) return;
        try
        {
            var end = _time.GetUtcNow();
            if (ReferenceEquals(s_ambient.Value, this)) s_ambient.Value = _previousAmbient;
            _client?.RestoreCurrentSpan(this, _previousCurrent);
            if (_activity is not null) SpanActivity.Stop(_activity, _activityBefore);
            _client?.SendSpan(this, ToEntry(end));
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

    private SpanEntry ToEntry(DateTimeOffset end)
    {
        var entry = new SpanEntry(TraceId, SpanId, Operation, Name, StartTime, end < StartTime ? StartTime : end)
        {
            ParentSpanId = ParentSpanId,
            Status = _status,
        };
        lock (_attributes)
        {
            if (_attributes.Count > 0) entry.Attributes = new Dictionary<string, string>(_attributes, StringComparer.Ordinal);
        }
        return entry;
    }

    /// <summary>A span that belongs to no client: it has ids but touches no context and sends nothing.</summary>
    internal static LogFluxSpan Detached(string? operation, string? name)
        => new(null, TimeProvider.System, operation ?? string.Empty, name ?? string.Empty, TraceIds.NewTraceId(), TraceIds.NewSpanId(),
            parentSpanId: null, sampled: false, activity: null, activityBefore: null);

    /// <summary>
    /// Starts a span under <paramref name="parent"/> and makes it current. Ids come from the mirrored
    /// activity; the sampling decision comes from the parent, else from the client's per-trace sampler.
    /// </summary>
    internal static LogFluxSpan Start(LogFluxClient? client, string? operation, string? name, SpanParent parent,
        IReadOnlyDictionary<string, string>? attributes)
    {
        operation ??= string.Empty;
        name ??= string.Empty;
        var activityBefore = Activity.Current;
        Activity? activity = null;
        string traceId, spanId;
        try
        {
            activity = SpanActivity.Start(operation, name, parent);
        }
        catch (Exception)
        {
            Activity.Current = activityBefore;
        }
        if (activity is not null && TraceIds.TryGetIds(activity, out var activityTrace, out var activitySpan))
        {
            traceId = activityTrace;
            spanId = activitySpan;
        }
        else
        {
            traceId = parent.IsRoot ? TraceIds.NewTraceId() : parent.TraceId!;
            spanId = TraceIds.NewSpanId();
        }
        var sampled = parent.Sampled ?? client?.Sampler.ShouldSampleTrace(traceId) ?? true;
        if (activity is not null)
        {
            activity.ActivityTraceFlags = sampled ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None;
        }

        var span = new LogFluxSpan(client, client?.TimeProvider ?? TimeProvider.System, operation, name, traceId, spanId,
            parent.IsRoot ? null : parent.ParentSpanId, sampled, activity, activityBefore);
        if (attributes is not null)
        {
            foreach (var pair in attributes) span.SetAttribute(pair.Key, pair.Value);
        }
        s_ambient.Value = span;
        client?.SetCurrentSpan(span);
        return span;
    }
}
