using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Records;

/// <summary>
/// How the core reads an adapter's raw data in a <see cref="CapturedRecord"/>: its property bag, its scope states
/// and its message state. The default reads name/value pairs and formats values by the core's attribute rules;
/// an adapter derives from it only where its framework's values need their own treatment. Used on any thread,
/// possibly concurrently; implementations keep no per-call state.
/// </summary>
internal class RecordFormatter
{
    /// <summary>Name/value pairs (<see cref="IEnumerable{T}"/> of string/object pairs), values by the core's rules.</summary>
    public static readonly RecordFormatter Default = new();

    /// <summary>Writes the properties as attributes, in their order.</summary>
    /// <param name="properties">The record's <see cref="CapturedRecord.Properties"/>.</param>
    /// <param name="attributes">The writer (the first value of a name wins).</param>
    public virtual void WriteProperties(object properties, LogFluxAttributeWriter attributes)
    {
        if (properties is not IEnumerable<KeyValuePair<string, object?>> pairs) return;
        foreach (var pair in pairs)
        {
            if (string.IsNullOrEmpty(pair.Key) || !Includes(pair.Key)) continue;
            if (pair.Value is string or int or long or double or bool) attributes.AddValue(pair.Key, pair.Value);
            else attributes.Add(pair.Key, Format(pair.Key, pair.Value));
        }
    }

    /// <summary>The plain value of one property (unwrapped from the framework's value type), for the helper markers.</summary>
    /// <param name="properties">The record's <see cref="CapturedRecord.Properties"/>.</param>
    /// <param name="name">The property name.</param>
    /// <param name="value">The value.</param>
    /// <returns>True when the property exists.</returns>
    public virtual bool TryGetValue(object properties, string name, out object? value)
    {
        switch (properties)
        {
            case IReadOnlyDictionary<string, object?> map:
                return map.TryGetValue(name, out value);
            case IDictionary<string, object?> map:
                return map.TryGetValue(name, out value);
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                foreach (var pair in pairs)
                {
                    if (pair.Key == name)
                    {
                        value = pair.Value;
                        return true;
                    }
                }
                break;
        }
        value = null;
        return false;
    }

    /// <summary>Writes the framework's scope states as attributes (none by default).</summary>
    /// <param name="scopes">The record's <see cref="CapturedRecord.AdapterScopes"/>.</param>
    /// <param name="attributes">The writer.</param>
    public virtual void WriteScopes(object scopes, LogFluxAttributeWriter attributes)
    {
    }

    /// <summary>Renders a message state (its text by default).</summary>
    /// <param name="state">The record's <see cref="CapturedRecord.MessageState"/>.</param>
    /// <param name="output">Where the text goes.</param>
    public virtual void RenderMessage(object state, TextWriter output) => output.Write(state.ToString());

    /// <summary>Whether a property becomes an attribute (every non-empty name by default).</summary>
    /// <param name="name">The property name.</param>
    /// <returns>True to include it.</returns>
    protected virtual bool Includes(string name) => true;

    /// <summary>
    /// The attribute text of a value that is not a string, <see cref="int"/>, <see cref="long"/>, <see cref="double"/>
    /// or <see cref="bool"/> (those are always written in their standard form).
    /// </summary>
    /// <param name="name">The property name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The text, or null to leave the attribute out.</returns>
    protected virtual string? Format(string name, object? value) => AttributeValueFormatter.Format(value);
}
