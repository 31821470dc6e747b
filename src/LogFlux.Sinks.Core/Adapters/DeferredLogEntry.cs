namespace LogFlux.Sinks.Adapters;

/// <summary>
/// A log entry that a framework adapter queues before converting it: the client captures the calling flow's
/// scope and trace context, records the breadcrumb and queues the entry, and the sender later writes the payload
/// straight from the framework event, so the logging thread neither renders the message nor builds attribute maps.
/// </summary>
/// <remarks>
/// Use it for ordinary log events whose data cannot change after they were logged (Serilog's events, for
/// example). The client falls back to <see cref="ToLogEntry"/> on the calling thread when a before-send hook or
/// the durable buffer needs the entry at once, and on the sender when the payload has to be truncated.
/// The methods may be called on any thread, more than once and concurrently; they must not throw.
/// </remarks>
public abstract class DeferredLogEntry
{
    /// <summary>Creates the entry.</summary>
    /// <param name="level">The mapped LogFlux level.</param>
    /// <param name="timestamp">When the event happened.</param>
    protected DeferredLogEntry(LogFluxLevel level, DateTimeOffset timestamp)
    {
        Level = level;
        Timestamp = timestamp;
    }

    /// <summary>Severity.</summary>
    public LogFluxLevel Level { get; }

    /// <summary>When the event happened.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>Approximate memory the queued entry keeps alive (its framework event included); counts against the queue's byte bound.</summary>
    public abstract int EstimatedBytes { get; }

    /// <summary>
    /// True when the event carries its own trace context (written by <see cref="WriteAttributes"/> as
    /// <c>trace_id</c> and <c>span_id</c>); otherwise the client captures the calling flow's at enqueue time.
    /// </summary>
    public abstract bool HasTraceContext { get; }

    /// <summary>The logger or category name, or null.</summary>
    public abstract string? Logger { get; }

    /// <summary>Writes the rendered message.</summary>
    /// <param name="output">Where the message text goes.</param>
    public abstract void RenderMessage(TextWriter output);

    /// <summary>
    /// Writes the event's attributes. Names the writer has already seen are ignored, so write the event's own
    /// properties first and derived values after them.
    /// </summary>
    /// <param name="attributes">The attribute writer.</param>
    public abstract void WriteAttributes(LogFluxAttributeWriter attributes);

    /// <summary>The same entry as a plain <see cref="LogEntry"/> (without the scope and trace context the client adds).</summary>
    /// <returns>A new log entry.</returns>
    public abstract LogEntry ToLogEntry();

    /// <summary>The rendered message as a string.</summary>
    /// <returns>The message text.</returns>
    public string RenderMessage()
    {
        using var output = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        RenderMessage(output);
        return output.ToString();
    }
}
