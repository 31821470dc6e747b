namespace LogFlux.Sinks.Adapters;

/// <summary>
/// A deferred log entry for frameworks whose context must be read on the logging thread: the adapter captures
/// the rendered message, the property values and the trace ids there, and the sender formats the values into
/// attributes. Attribute precedence: properties, then the extra attributes (location and the like), then the
/// trace ids (only when no <c>trace_id</c> property exists).
/// </summary>
public class CapturedLogEvent : DeferredLogEntry
{
    private const int EventOverhead = 320;
    private const int PairOverhead = 64;

    private readonly string _message;
    private readonly IEnumerable<KeyValuePair<string, object?>>? _properties;
    private readonly IReadOnlyList<KeyValuePair<string, string>>? _extra;
    private readonly string? _traceId;
    private readonly string? _spanId;

    /// <summary>Creates the captured event.</summary>
    /// <param name="level">The mapped level.</param>
    /// <param name="timestamp">When the event happened.</param>
    /// <param name="message">The rendered message.</param>
    /// <param name="logger">The logger name, or null.</param>
    /// <param name="properties">The property values (owned by the entry from now on; not changed afterwards), or null.</param>
    /// <param name="propertyCount">How many properties there are (for the memory estimate).</param>
    /// <param name="extra">Further string attributes, or null.</param>
    /// <param name="traceId">The trace id of the logging flow, or null when it had none.</param>
    /// <param name="spanId">The span id of the logging flow, or null.</param>
    public CapturedLogEvent(
        LogFluxLevel level,
        DateTimeOffset timestamp,
        string message,
        string? logger,
        IEnumerable<KeyValuePair<string, object?>>? properties,
        int propertyCount,
        IReadOnlyList<KeyValuePair<string, string>>? extra,
        string? traceId,
        string? spanId)
        : base(level, timestamp)
    {
        _message = message ?? string.Empty;
        Logger = string.IsNullOrEmpty(logger) ? null : logger;
        _properties = properties;
        _extra = extra;
        _traceId = string.IsNullOrEmpty(traceId) ? null : traceId;
        _spanId = string.IsNullOrEmpty(spanId) ? null : spanId;
        long size = EventOverhead + 2L * _message.Length + PairOverhead * (long)(Math.Max(0, propertyCount) + (extra?.Count ?? 0));
        EstimatedBytes = (int)Math.Min(size, int.MaxValue / 2);
    }

    /// <inheritdoc />
    public override int EstimatedBytes { get; }

    /// <summary>Always true: the adapter captured the logging flow's trace context (or its absence) itself.</summary>
    public override bool HasTraceContext => true;

    /// <inheritdoc />
    public override string? Logger { get; }

    /// <inheritdoc />
    public override void RenderMessage(TextWriter output) => output.Write(_message);

    /// <inheritdoc />
    public override void WriteAttributes(LogFluxAttributeWriter attributes)
    {
        if (_properties is not null)
        {
            foreach (var pair in _properties)
            {
                if (string.IsNullOrEmpty(pair.Key) || !Includes(pair.Key)) continue;
                if (pair.Value is string or int or long or double or bool) attributes.AddValue(pair.Key, pair.Value);
                else attributes.Add(pair.Key, FormatValue(pair.Key, pair.Value));
            }
        }
        if (_extra is not null)
        {
            foreach (var pair in _extra) attributes.Add(pair.Key, pair.Value);
        }
        if (_traceId is not null && !attributes.Contains(TraceIdAttribute))
        {
            attributes.Add(TraceIdAttribute, _traceId);
            if (_spanId is not null) attributes.Add(SpanIdAttribute, _spanId);
        }
    }

    /// <inheritdoc />
    public override LogEntry ToLogEntry()
    {
        var attributes = LogFluxAttributeWriter.Collect(WriteAttributes);
        return new LogEntry(Level, _message, Timestamp) { Logger = Logger, Attributes = attributes.Count > 0 ? attributes : null };
    }

    /// <summary>Whether a property becomes an attribute (all non-empty names by default).</summary>
    /// <param name="name">The property name.</param>
    /// <returns>True to include it.</returns>
    protected virtual bool Includes(string name) => true;

    /// <summary>
    /// The attribute text of a property value (<see cref="AttributeValueFormatter.Format"/> by default). Strings,
    /// <see cref="int"/>, <see cref="long"/>, <see cref="double"/> and <see cref="bool"/> values are always written
    /// in that standard form.
    /// </summary>
    /// <param name="name">The property name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The text, or null to leave the attribute out.</returns>
    protected virtual string? FormatValue(string name, object? value) => AttributeValueFormatter.Format(value);

    private const string TraceIdAttribute = "trace_id";
    private const string SpanIdAttribute = "span_id";
}
