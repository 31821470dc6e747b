namespace LogFlux.Sinks;

/// <summary>
/// Base class of every entry the client sends. Entries are plain data: the client fills in the
/// global context (source, meta) and the scope, runs sampling and hooks, then queues them.
/// </summary>
public abstract class LogFluxEntry
{
    private protected LogFluxEntry(LogFluxEntryType entryType, LogFluxLevel level, DateTimeOffset timestamp)
    {
        EntryType = entryType;
        Level = level;
        Timestamp = timestamp;
    }

    /// <summary>The wire entry type (1–7).</summary>
    public LogFluxEntryType EntryType { get; private protected set; }

    /// <summary>Severity. Fixed by type except for logs (error capture 4, audit 6, others 7).</summary>
    public LogFluxLevel Level { get; set; }

    /// <summary>When the entry was created; becomes the payload <c>ts</c> and the part timestamp.</summary>
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>Service name; when empty the configured source is used.</summary>
    public string? Source { get; set; }

    /// <summary>User key/values (string to string, as on the wire). Null when there are none.</summary>
    public Dictionary<string, string>? Attributes { get; set; }

    /// <summary>Meta key/values (<c>environment</c>, <c>release</c>). Filled from the global context where absent.</summary>
    public Dictionary<string, string>? Meta { get; set; }

    /// <summary>Sets one attribute, creating the map when needed. A null value removes the key.</summary>
    /// <param name="key">The attribute name.</param>
    /// <param name="value">The attribute value.</param>
    public void SetAttribute(string key, string? value)
    {
        if (value is null)
        {
            Attributes?.Remove(key);
            return;
        }
        (Attributes ??= new Dictionary<string, string>(StringComparer.Ordinal))[key] = value;
    }
}
