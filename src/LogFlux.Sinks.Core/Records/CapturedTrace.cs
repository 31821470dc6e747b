using System.Diagnostics;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Records;

/// <summary>
/// The trace and span id of the calling flow, captured when a record is queued and written when it is
/// sent, and the one place that decides which trace context is current: <see cref="Activity.Current"/> when it
/// carries W3C ids, else the innermost active <see cref="LogFluxSpan"/>. An activity's ids are kept as they are
/// (they hold their hex text already).
/// </summary>
internal readonly struct CapturedTrace
{
    private readonly ActivityTraceId _traceId;
    private readonly ActivitySpanId _spanId;
    private readonly string? _traceText;
    private readonly string? _spanText;

    private CapturedTrace(ActivityTraceId traceId, ActivitySpanId spanId)
    {
        _traceId = traceId;
        _spanId = spanId;
    }

    private CapturedTrace(string traceId, string spanId)
    {
        _traceText = traceId;
        _spanText = spanId;
    }

    public bool IsPresent => _traceText is not null || _traceId != default;

    /// <summary>Ids an adapter read as text; an empty trace id means "no trace context".</summary>
    public static CapturedTrace FromText(string? traceId, string? spanId) =>
        string.IsNullOrEmpty(traceId) ? default : new CapturedTrace(traceId, spanId ?? string.Empty);

    /// <summary>Ids a framework captured itself (a default span id is left out).</summary>
    public static CapturedTrace FromIds(ActivityTraceId traceId, ActivitySpanId spanId) =>
        traceId == default ? default
        : spanId == default ? new CapturedTrace(traceId.ToHexString(), string.Empty)
        : new CapturedTrace(traceId, spanId);

    public static CapturedTrace Current()
    {
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity && activity.TraceId != default && activity.SpanId != default)
        {
            return new CapturedTrace(activity.TraceId, activity.SpanId);
        }
        return LogFluxSpan.Ambient is { IsEnded: false } span ? new CapturedTrace(span.TraceId, span.SpanId) : default;
    }

    /// <summary>The ids as text (32 and 16 lowercase hex); false, with empty strings, when no trace was captured.</summary>
    public bool TryGetIds(out string traceId, out string spanId)
    {
        traceId = _traceText ?? (_traceId == default ? string.Empty : _traceId.ToHexString());
        spanId = _spanText ?? (_spanId == default ? string.Empty : _spanId.ToHexString());
        return IsPresent;
    }

    /// <summary>Writes <c>trace_id</c> and <c>span_id</c> unless the entry already has a <c>trace_id</c>.</summary>
    public void WriteTo(LogFluxAttributeWriter attributes)
    {
        if (!IsPresent || attributes.Contains(TraceIdName)) return;
        if (_traceText is not null)
        {
            attributes.Add(TraceIdName, _traceText);
            if (!string.IsNullOrEmpty(_spanText)) attributes.Add(SpanIdName, _spanText);
            return;
        }
        // The id structs keep their hex text, so this allocates nothing.
        attributes.Add(TraceIdName, _traceId.ToHexString());
        attributes.Add(SpanIdName, _spanId.ToHexString());
    }

    /// <summary>Adds <c>trace_id</c> and <c>span_id</c> to an entry that has no <c>trace_id</c>.</summary>
    public void ApplyTo(LogFluxEntry entry)
    {
        if (!IsPresent || entry.Attributes is { } existing && existing.ContainsKey(TraceIdName)) return;
        entry.SetAttribute(TraceIdName, _traceText ?? _traceId.ToHexString());
        var spanId = _traceText is not null ? _spanText : _spanId.ToHexString();
        if (!string.IsNullOrEmpty(spanId) && !entry.Attributes!.ContainsKey(SpanIdName)) entry.SetAttribute(SpanIdName, spanId);
    }

    private const string TraceIdName = RecordAttributes.TraceId;
    private const string SpanIdName = RecordAttributes.SpanId;
}
