using LogFlux.Sinks;
using LogFlux.Sinks.Adapters;

namespace NLog.Targets.LogFlux.Internal;

/// <summary>
/// An NLog event captured on the logging thread (rendered message, the target's collected properties, trace ids)
/// whose property values are formatted on the LogFlux sender, with the same rules as <see cref="LogEventMapper"/>.
/// The <see cref="LogEventInfo"/> itself is not kept: the names captured with <c>{@value}</c> are read here, and
/// only when some value is not a plain scalar.
/// </summary>
internal sealed class CapturedNLogEvent : CapturedLogEvent
{
    private readonly IJsonConverter? _json;
    private readonly HashSet<string>? _serialized;

    public CapturedNLogEvent(LogEventInfo logEvent, LogFluxLevel level, string message, IDictionary<string, object?> properties, string? traceId, string? spanId, IJsonConverter? json)
        : base(level, LogEventMapper.ToUtc(logEvent.TimeStamp), message, logEvent.LoggerName, properties.Count > 0 ? properties : null, properties.Count, null, traceId, spanId)
    {
        _json = json;
        if (json is not null && HasStructuredValue(properties)) _serialized = LogEventMapper.SerializedNames(logEvent);
    }

    protected override bool Includes(string name) => !name.StartsWith(LogEventMapper.DuplicateMarker, StringComparison.Ordinal);

    protected override string? FormatValue(string name, object? value) =>
        LogEventMapper.Format(value, _serialized?.Contains(name) == true, _json);

    private static bool HasStructuredValue(IDictionary<string, object?> properties)
    {
        foreach (var pair in properties)
        {
            if (pair.Value is not (null or IConvertible or IFormattable)) return true;
        }
        return false;
    }
}
