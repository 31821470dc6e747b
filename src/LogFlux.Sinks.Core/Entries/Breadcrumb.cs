namespace LogFlux.Sinks;

/// <summary>A breadcrumb: a small trail item attached to error captures (docs/protocol.md#breadcrumbs).</summary>
/// <param name="timestamp">When it happened.</param>
/// <param name="category">Category such as <c>log</c>, <c>event</c>, <c>http</c>.</param>
/// <param name="message">Short text.</param>
/// <param name="level"><c>error</c>, <c>warning</c>, <c>info</c> or null.</param>
/// <param name="data">Optional string data.</param>
public sealed class Breadcrumb(DateTimeOffset timestamp, string? category, string message, string? level = null, IReadOnlyDictionary<string, string>? data = null)
{
    /// <summary>When it happened (serialised as <c>timestamp</c>).</summary>
    public DateTimeOffset Timestamp => timestamp;

    /// <summary>Category, omitted when empty.</summary>
    public string? Category => category;

    /// <summary>Short text.</summary>
    public string Message => message;

    /// <summary><c>error</c>, <c>warning</c>, <c>info</c>, or null.</summary>
    public string? Level => level;

    /// <summary>Optional data, omitted when empty.</summary>
    public IReadOnlyDictionary<string, string>? Data => data;
}
