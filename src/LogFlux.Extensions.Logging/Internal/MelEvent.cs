using LogFlux.Sinks;
using LogFlux.Sinks.Records;
using Microsoft.Extensions.Logging;

namespace LogFlux.Extensions.Logging.Internal;

/// <summary>
/// One <c>ILogger.Log</c> call captured on the logging thread as a record: the state (its key/value pairs become
/// attributes, <c>{OriginalFormat}</c> becomes <c>message_template</c>), the <see cref="EventId"/> and the active
/// scopes; the client captures the trace context when the record is queued, on the same thread. A template state
/// whose values are all immutable scalars is rendered on the sender; any other state is rendered here.
/// </summary>
internal static class MelEvent
{
    public static CapturedRecord Capture<TState>(
        LogFluxLevel level, string category, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter, object?[]? scopes)
    {
        // A struct state (MEL's template state is one) is boxed once here and unboxed to render it later.
        var pairs = state as IReadOnlyList<KeyValuePair<string, object?>>;
        var template = pairs is null ? null : TemplateOf(pairs);
        var defer = exception is null && template is not null && HasOnlyImmutableValues(pairs!);
        return new CapturedRecord(level, DateTimeOffset.UtcNow, category)
        {
            Message = defer ? null : Render(formatter, state, exception),
            MessageState = defer ? new DeferredMessage<TState>(state, formatter) : null,
            Properties = pairs,
            PropertyCount = pairs?.Count ?? 0,
            Formatter = MelStateFormatter.Instance,
            Extra = TemplateStateFormatter.Extras(template, eventId.Id, eventId.Name),
            AdapterScopes = scopes,
            Exception = exception,
        };
    }

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
            if (pairs[i].Key == TemplateStateFormatter.OriginalFormatKey) return pairs[i].Value as string;
        }
        return null;
    }

    private static string Render<TState>(Func<TState, Exception?, string> formatter, TState state, Exception? exception)
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

    /// <summary>A state rendered when its text is first needed (its <see cref="ToString"/>).</summary>
    private sealed class DeferredMessage<TState>(TState state, Func<TState, Exception?, string> formatter)
    {
        public override string ToString() => Render(formatter, state, null);
    }
}
