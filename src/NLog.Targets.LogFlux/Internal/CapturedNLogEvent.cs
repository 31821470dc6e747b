using LogFlux.Sinks;
using LogFlux.Sinks.Adapters;

namespace NLog.Targets.LogFlux.Internal;

/// <summary>
/// An NLog event captured on the logging thread (rendered message, the target's collected properties, trace ids)
/// whose property values are formatted on the LogFlux sender, with the same rules as <see cref="LogEventMapper"/>.
/// </summary>
internal sealed class CapturedNLogEvent : CapturedLogEvent
{
    private readonly LogEventInfo _event;
    private readonly IJsonConverter? _json;
    private HashSet<string>? _serialized;
    private int _serializedRead;

    public CapturedNLogEvent(LogEventInfo logEvent, LogFluxLevel level, string message, IDictionary<string, object?> properties, string? traceId, string? spanId, IJsonConverter? json)
        : base(level, LogEventMapper.ToUtc(logEvent.TimeStamp), message, logEvent.LoggerName, properties.Count > 0 ? properties : null, properties.Count, null, traceId, spanId)
    {
        _event = logEvent;
        _json = json;
    }

    protected override bool Includes(string name) => !name.StartsWith(LogEventMapper.DuplicateMarker, StringComparison.Ordinal);

    protected override string? FormatValue(string name, object? value) =>
        LogEventMapper.Format(value, SerializedNames()?.Contains(name) == true, _json);

    private HashSet<string>? SerializedNames()
    {
        if (Volatile.Read(ref _serializedRead) == 0)
        {
            _serialized = LogEventMapper.SerializedNames(_event);
            Volatile.Write(ref _serializedRead, 1);
        }
        return _serialized;
    }
}
