using LogFlux.Sinks;
using LogFlux.Sinks.Records;
using Microsoft.Extensions.Logging;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Extensions.Logging.Internal;

/// <summary>
/// The <c>BeginScope</c> states active on the logging thread, captured as references (outermost first) and written
/// as attributes on the sender: key/value scopes as attributes, innermost first so that an inner scope wins over an
/// outer one, every other scope as text in the JSON list <see cref="ScopesAttribute"/>. Capturing allocates nothing
/// when no scope is active.
/// </summary>
internal static class ScopeSnapshot
{
    /// <summary>The attribute that lists the scopes that are not key/value pairs.</summary>
    public const string ScopesAttribute = "scopes";

    [ThreadStatic]
    private static List<object?>? t_buffer;

    /// <summary>The active scopes, outermost first, or null when there are none.</summary>
    public static object?[]? Capture(IExternalScopeProvider? provider)
    {
        if (provider is null) return null;
        var buffer = t_buffer ??= new List<object?>(4);
        provider.ForEachScope(static (scope, list) => list.Add(scope), buffer);
        if (buffer.Count == 0) return null;
        var scopes = buffer.ToArray();
        buffer.Clear();
        return scopes;
    }

    /// <summary>Writes the scopes' attributes (after the event's own, which therefore win).</summary>
    public static void Write(object?[] scopes, LogFluxAttributeWriter attributes)
    {
        List<string>? texts = null;
        for (var i = scopes.Length - 1; i >= 0; i--)
        {
            switch (scopes[i])
            {
                case null:
                    break;
                case IEnumerable<KeyValuePair<string, object?>> pairs:
                    foreach (var pair in pairs)
                    {
                        if (!string.IsNullOrEmpty(pair.Key) && pair.Key != TemplateStateFormatter.OriginalFormatKey) attributes.AddValue(pair.Key, pair.Value);
                    }
                    break;
                case IEnumerable<KeyValuePair<string, string?>> texts2:
                    foreach (var pair in texts2)
                    {
                        if (!string.IsNullOrEmpty(pair.Key)) attributes.Add(pair.Key, pair.Value);
                    }
                    break;
                case var other:
                    (texts ??= new List<string>()).Add(AttributeValueFormatter.Format(other) ?? string.Empty);
                    break;
            }
        }
        if (texts is null) return;
        // Outermost first, as the scopes were opened.
        texts.Reverse();
        attributes.Add(ScopesAttribute, AttributeValueFormatter.Format(texts));
    }
}
