namespace LogFlux.Sinks;

/// <summary>Writes to the attribute dictionary of a scope or a span, which any thread may change; readers take the same lock.</summary>
internal static class AttributeMap
{
    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/>, or with a null value removes it; a null key is ignored.</summary>
    public static void Set(Dictionary<string, string> attributes, string? key, string? value)
    {
        if (key is null) return;
        lock (attributes)
        {
            if (value is null) attributes.Remove(key);
            else attributes[key] = value;
        }
    }
}
