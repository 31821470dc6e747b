namespace LogFlux.Sinks.Pipeline;

/// <summary>
/// An entry whose JSON is already written: the payload a before-send hook returned, or one read back from the
/// durable buffer. Only the queue and the encoder see it; it is sent as it is.
/// </summary>
internal sealed class JsonPayloadEntry : LogFluxEntry
{
    public JsonPayloadEntry(LogFluxEntryType type, LogFluxLevel level, DateTimeOffset timestamp, byte[] json)
        : base(type, level, timestamp)
    {
        Json = json;
    }

    /// <summary>The UTF-8 JSON payload.</summary>
    public byte[] Json { get; }
}
