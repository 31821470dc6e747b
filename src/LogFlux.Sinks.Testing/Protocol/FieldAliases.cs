namespace LogFlux.Sinks.Testing.Protocol;

/// <summary>
/// Payload fields that the official clients spell differently (docs/protocol.md#test-receiver): the receiver accepts both
/// spellings, and its views read whichever is present.
/// </summary>
internal static class FieldAliases
{
    /// <summary>Metric kind as this project, Go and Swift write it.</summary>
    public const string MetricKind = "kind";

    /// <summary>Metric kind as the Java and JavaScript clients write it.</summary>
    public const string MetricKindAlias = "metric_type";

    /// <summary>Span description as this project, Go and Swift write it.</summary>
    public const string SpanName = "name";

    /// <summary>Span description as the Java and JavaScript clients write it.</summary>
    public const string SpanNameAlias = "description";
}
