
namespace LogFlux.Sinks.Records;

/// <summary>
/// One log call as every adapter captures it on the logging thread: level, timestamp, logger, the message text
/// (or a state the adapter's <see cref="RecordFormatter"/> renders later), the raw properties with the formatter
/// that reads them, extra attributes, the exception, the trace context and, once queued, the client scope's
/// attributes. The core alone turns it into an entry or into JSON (<see cref="RecordAttributes"/>). Nothing in it
/// is formatted until the sender (or a caller that needs an entry at once) asks for it.
/// </summary>
internal sealed class CapturedRecord
{
    private string? _message;

    /// <summary>Creates the record.</summary>
    /// <param name="level">The mapped level.</param>
    /// <param name="timestamp">When the event happened.</param>
    /// <param name="logger">The logger or category name; empty means none.</param>
    public CapturedRecord(LogFluxLevel level, DateTimeOffset timestamp, string? logger)
    {
        Level = level;
        Timestamp = timestamp;
        Logger = string.IsNullOrEmpty(logger) ? null : logger;
    }

    public LogFluxLevel Level { get; }

    public DateTimeOffset Timestamp { get; }

    public string? Logger { get; }

    /// <summary>The rendered message; null when <see cref="MessageState"/> is rendered on demand.</summary>
    public string? Message
    {
        get => _message;
        init => _message = value;
    }

    /// <summary>What <see cref="RecordFormatter.RenderMessage"/> renders when <see cref="Message"/> is null.</summary>
    public object? MessageState { get; init; }

    /// <summary>Characters the rendered message is expected to take when it is not rendered yet (memory estimate).</summary>
    public int MessageLengthHint { get; init; } = 64;

    /// <summary>The adapter's raw property bag, read only through <see cref="Formatter"/>; not changed after capture.</summary>
    public object? Properties { get; init; }

    /// <summary>How many properties there are (memory estimate).</summary>
    public int PropertyCount { get; init; }

    /// <summary>Reads <see cref="Properties"/>, <see cref="AdapterScopes"/> and <see cref="MessageState"/>.</summary>
    public RecordFormatter Formatter { get; init; } = RecordFormatter.Default;

    /// <summary>Derived attributes (message template, event id, location, ...), written after the properties.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>>? Extra { get; init; }

    /// <summary>The framework's own scope states (e.g. <c>ILogger.BeginScope</c>), written after the extra attributes.</summary>
    public object? AdapterScopes { get; init; }

    /// <summary>The exception of the event, or null.</summary>
    public Exception? Exception { get; init; }

    /// <summary>True once the trace context of the logging flow (or its absence) is in <see cref="Trace"/>.</summary>
    public bool HasTrace { get; private set; }

    /// <summary>The trace context of the logging flow.</summary>
    public CapturedTrace Trace { get; private set; }

    /// <summary>The client scope's attributes captured when the record was queued, innermost first.</summary>
    public KeyValuePair<string, string>[]? ScopeAttributes { get; private set; }

    /// <summary>The helper kind (metric, event, audit, span) the record asks for, or null for a log line.</summary>
    public string? HelperKind => Properties is { } properties && Formatter.TryGetValue(properties, FrameworkEntryProperties.Kind, out var kind) ? kind as string : null;

    /// <summary>Approximate memory the queued record keeps alive.</summary>
    public int EstimatedBytes
    {
        get
        {
            const int eventOverhead = 320, pairOverhead = 64;
            long pairs = PropertyCount + (Extra?.Count ?? 0);
            long size = eventOverhead + 2L * (_message?.Length ?? MessageLengthHint) + pairOverhead * pairs;
            return (int)Math.Min(size, int.MaxValue / 2);
        }
    }

    /// <summary>Sets the trace context the adapter read on the logging thread (an empty one means "none").</summary>
    public CapturedRecord WithTrace(CapturedTrace trace)
    {
        Trace = trace;
        HasTrace = true;
        return this;
    }

    /// <summary>Captures the calling flow's trace context unless the adapter set one.</summary>
    public void CaptureTraceIfMissing()
    {
        if (!HasTrace) WithTrace(CapturedTrace.Current());
    }

    /// <summary>Attaches the client scope's attributes (called by the client when it queues the record).</summary>
    public void AttachScope(KeyValuePair<string, string>[]? scope) => ScopeAttributes = scope;

    /// <summary>The message text, rendered once on first use. Never throws.</summary>
    public string RenderMessage()
    {
        if (_message is not null) return _message;
        string text;
        try
        {
            using var output = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            if (MessageState is { } state) Formatter.RenderMessage(state, output);
            text = output.ToString();
        }
        catch (Exception ex)
        {
            text = $"<error rendering message: {ex.GetType().Name}>";
        }
        return _message = text;
    }
}
