namespace LogFlux.Sinks;

/// <summary>A breadcrumb: a small trail item attached to error captures (PROTOCOL 6.10).</summary>
public sealed class Breadcrumb
{
    /// <summary>Creates a breadcrumb.</summary>
    /// <param name="timestamp">When it happened.</param>
    /// <param name="category">Category such as <c>log</c>, <c>event</c>, <c>http</c>.</param>
    /// <param name="message">Short text.</param>
    /// <param name="level"><c>error</c>, <c>warning</c>, <c>info</c> or null.</param>
    /// <param name="data">Optional string data.</param>
    public Breadcrumb(DateTimeOffset timestamp, string? category, string message, string? level = null, IReadOnlyDictionary<string, string>? data = null)
    {
        Timestamp = timestamp;
        Category = category;
        Message = message;
        Level = level;
        Data = data;
    }

    /// <summary>When it happened (serialised as <c>timestamp</c>).</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>Category, omitted when empty.</summary>
    public string? Category { get; }

    /// <summary>Short text.</summary>
    public string Message { get; }

    /// <summary><c>error</c>, <c>warning</c>, <c>info</c>, or null.</summary>
    public string? Level { get; }

    /// <summary>Optional data, omitted when empty.</summary>
    public IReadOnlyDictionary<string, string>? Data { get; }
}
