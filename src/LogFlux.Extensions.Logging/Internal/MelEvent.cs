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
}

/// <summary>
/// One <c>ILogger.Log</c> call captured on the logging thread: the state (its key/value pairs become attributes,
/// <c>{OriginalFormat}</c> becomes <c>message_template</c>), the <see cref="EventId"/>, the active scopes and the trace
/// ids. A template state whose values are all immutable scalars is rendered on the sender; any other state is rendered
/// here. Property values are formatted on the sender by the core's attribute rules.
/// </summary>
internal sealed class MelEvent<TState> : CapturedLogEvent
{
    private readonly TState _state;
    private readonly Func<TState, Exception?, string>? _formatter;
    private readonly IReadOnlyList<KeyValuePair<string, object?>>? _pairs;
    private readonly EventId _eventId;
    private readonly object?[]? _scopes;
    private string? _rendered;

    private MelEvent(
        LogFluxLevel level,
        string category,
        TState state,
        Func<TState, Exception?, string>? deferredFormatter,
        string renderedMessage,
        IReadOnlyList<KeyValuePair<string, object?>>? pairs,
        EventId eventId,
        object?[]? scopes,
        string? traceId,
        string? spanId)
        : base(level, DateTimeOffset.UtcNow, renderedMessage, category, pairs, (pairs?.Count ?? 0) + (scopes?.Length ?? 0) + 2, null, traceId, spanId)
    {
        _state = state;
        _formatter = deferredFormatter;
        _pairs = pairs;
        _eventId = eventId;
        _scopes = scopes;
    }

    /// <summary>Captures the call; <paramref name="exception"/> only decides whether the message is rendered now.</summary>
    public static MelEvent<TState> Capture(
        LogFluxLevel level, string category, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter, object?[]? scopes)
    {
        var pairs = state as IReadOnlyList<KeyValuePair<string, object?>>;
        LogFluxTraceContext.TryGetCurrent(out var traceId, out var spanId);
        var defer = exception is null && pairs is not null && HasTemplate(pairs) && MelEvent.HasOnlyImmutableValues(pairs);
        return defer
            ? new MelEvent<TState>(level, category, state, formatter, string.Empty, pairs, eventId, scopes, traceId, spanId)
            : new MelEvent<TState>(level, category, state, null, Render(formatter, state, exception), pairs, eventId, scopes, traceId, spanId);
    }

    /// <inheritdoc />
    protected override string Message => _formatter is null ? base.Message : _rendered ??= Render(_formatter, _state, null);

    /// <inheritdoc />
    protected override bool Includes(string name) => name != MelEvent.OriginalFormatKey;

    /// <inheritdoc />
    public override void WriteAttributes(LogFluxAttributeWriter attributes)
    {
        try
        {
            base.WriteAttributes(attributes);
            if (_pairs is not null && TemplateOf(_pairs) is { } template) attributes.Add(MelEvent.MessageTemplateAttribute, template);
            if (_eventId.Id != 0) attributes.AddValue(MelEvent.EventIdAttribute, _eventId.Id);
            if (!string.IsNullOrEmpty(_eventId.Name)) attributes.Add(MelEvent.EventNameAttribute, _eventId.Name);
            if (_scopes is not null) ScopeSnapshot.Write(_scopes, attributes);
        }
        catch (Exception)
        {
            // A state or scope whose enumeration fails keeps the attributes written so far.
        }
    }

    private static bool HasTemplate(IReadOnlyList<KeyValuePair<string, object?>> pairs) => TemplateOf(pairs) is not null;

    private static string? TemplateOf(IReadOnlyList<KeyValuePair<string, object?>> pairs)
    {
        // MEL puts the template last; search from the end.
        for (var i = pairs.Count - 1; i >= 0; i--)
        {
            if (pairs[i].Key == MelEvent.OriginalFormatKey) return pairs[i].Value as string;
        }
        return null;
    }

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
