namespace LogFlux.OpenTelemetry.Mapping;

/// <summary>OpenTelemetry tags (name/object pairs) as LogFlux attributes, formatted by the core's <see cref="AttributeValueFormatter"/>.</summary>
internal static class TagAttributes
{
    /// <summary>Adds the tags with a non-null value; a name already present is kept (the first value wins).</summary>
    public static void AddTo(Dictionary<string, string> attributes, IEnumerable<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags) Add(attributes, tag.Key, tag.Value);
    }

    public static void Add(Dictionary<string, string> attributes, string? name, object? value)
    {
        if (string.IsNullOrEmpty(name) || value is null || attributes.ContainsKey(name)) return;
        if (AttributeValueFormatter.Format(value) is { } text) attributes[name] = text;
    }

    public static Dictionary<string, string> NewMap(int capacity = 8) => new(capacity, StringComparer.Ordinal);
}
