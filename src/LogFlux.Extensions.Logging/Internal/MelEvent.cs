using LogFlux.Sinks;
using LogFlux.Sinks.Adapters;
using Microsoft.Extensions.Logging;

namespace LogFlux.Extensions.Logging.Internal;

/// <summary>Names shared by the captured MEL events.</summary>
internal static class MelEvent
{
    /// <summary>The state key that holds the message template.</summary>
    public const string OriginalFormatKey = "{OriginalFormat}";
    public const string MessageTemplateAttribute = "message_template";
    public const string EventIdAttribute = "event_id";
    public const string EventNameAttribute = "event_name";

    /// <summary>
    /// True when every value of the state is an immutable scalar, so the message may be rendered on the sender
    /// with the same result as now (MEL formats templates with the invariant culture).
    /// </summary>
    public static bool HasOnlyImmutableValues(IReadOnlyList<KeyValuePair<string, object?>> pairs)
    {
        for (var i = 0; i < pairs.Count; i++)
        {
            if (pairs[i].Value is not (null or string or int or long or double or bool or decimal or float or short or byte
                or uint or ulong or ushort or sbyte or char or Guid or DateTime or DateTimeOffset or TimeSpan or Enum))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The template of a state, or null when it has none.</summary>
    public static string? TemplateOf(IReadOnlyList<KeyValuePair<string, object?>> pairs)
    {
        // MEL puts the template last; search from the end.
        for (var i = pairs.Count - 1; i >= 0; i--)
        {
            if (pairs[i].Key == OriginalFormatKey) return pairs[i].Value as string;
        }
        return null;
    }
}

/// <summary>
/// One <c>ILogger.Log</c> call captured on the logging thread: the state (its key/value pairs become attributes,
/// <c>{OriginalFormat}</c> becomes <c>message_template</c>), the <see cref="EventId"/> and the active scopes; the
/// client captures the trace context when the entry is queued, on the same thread. A template state whose values are
/// all immutable scalars is rendered on the sender; any other state is rendered here. Property values are formatted
/// on the sender by the core's attribute rules (<see cref="LogFluxAttributeWriter.AddValue"/>).
/// </summary>
internal sealed class MelEvent<TState> : DeferredLogEntry
{
    private const int EventOverhead = 320;
    private const int PairOverhead = 64;

    private readonly string _category;
    private readonly IReadOnlyList<KeyValuePair<string, object?>>? _pairs;
    private readonly Func<TState, Exception?, string>? _deferredFormatter;
    private readonly EventId _eventId;
    private readonly object?[]? _scopes;
    private string? _message;

    private MelEvent(
        LogFluxLevel level,
        string category,
        IReadOnlyList<KeyValuePair<string, object?>>? pairs,
        Func<TState, Exception?, string>? deferredFormatter,
        string? message,
        EventId eventId,
        object?[]? scopes)
        : base(level, DateTimeOffset.UtcNow)
    {
        _category = category;
        _pairs = pairs;
        _deferredFormatter = deferredFormatter;
        _message = message;
        _eventId = eventId;
        _scopes = scopes;
        long size = EventOverhead + 2L * (message?.Length ?? 64) + PairOverhead * (long)((pairs?.Count ?? 0) + (scopes?.Length ?? 0));
        EstimatedBytes = (int)Math.Min(size, int.MaxValue / 2);
    }

    /// <summary>Captures the call; <paramref name="exception"/> only decides whether the message is rendered now.</summary>
    public static MelEvent<TState> Capture(
        LogFluxLevel level, string category, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter, object?[]? scopes)
    {
        // A struct state (MEL's template state is one) is boxed once here and unboxed to render it later.
        var pairs = state as IReadOnlyList<KeyValuePair<string, object?>>;
        var defer = exception is null && pairs is not null && MelEvent.TemplateOf(pairs) is not null && MelEvent.HasOnlyImmutableValues(pairs);
        return defer
            ? new MelEvent<TState>(level, category, pairs, formatter, null, eventId, scopes)
            : new MelEvent<TState>(level, category, pairs, null, Render(formatter, state, exception), eventId, scopes);
    }

    /// <inheritdoc />
    public override int EstimatedBytes { get; }

    /// <summary>False: the client captures the trace context when the entry is queued, which is on the logging thread.</summary>
    public override bool HasTraceContext => false;

    /// <inheritdoc />
    public override string? Logger => _category.Length == 0 ? null : _category;

    /// <inheritdoc />
    public override void RenderMessage(TextWriter output) => output.Write(Message);

    /// <inheritdoc />
    public override void WriteAttributes(LogFluxAttributeWriter attributes)
    {
        try
        {
            if (_pairs is { } pairs)
            {
                for (var i = 0; i < pairs.Count; i++)
                {
                    var pair = pairs[i];
                    if (!string.IsNullOrEmpty(pair.Key) && pair.Key != MelEvent.OriginalFormatKey) attributes.AddValue(pair.Key, pair.Value);
                }
                if (MelEvent.TemplateOf(pairs) is { } template) attributes.Add(MelEvent.MessageTemplateAttribute, template);
            }
            if (_eventId.Id != 0) attributes.AddValue(MelEvent.EventIdAttribute, _eventId.Id);
            if (!string.IsNullOrEmpty(_eventId.Name)) attributes.Add(MelEvent.EventNameAttribute, _eventId.Name);
            if (_scopes is not null) ScopeSnapshot.Write(_scopes, attributes);
        }
        catch (Exception)
        {
            // A state or scope whose enumeration fails keeps the attributes written so far.
        }
    }

    /// <inheritdoc />
    public override LogEntry ToLogEntry()
    {
        var attributes = LogFluxAttributeWriter.Collect(WriteAttributes);
        return new LogEntry(Level, Message, Timestamp) { Logger = Logger, Attributes = attributes.Count > 0 ? attributes : null };
    }

    private string Message => _message ??= Render(_deferredFormatter!, (TState)_pairs!, null);

    private static string Render(Func<TState, Exception?, string> formatter, TState state, Exception? exception)
    {
        try
        {
            return formatter(state, exception) ?? string.Empty;
        }
        catch (Exception ex)
        {
            return $"<error rendering message: {ex.GetType().Name}>";
        }
    }
}
