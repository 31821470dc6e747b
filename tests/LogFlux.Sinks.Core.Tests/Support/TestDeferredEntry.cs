using LogFlux.Sinks.Adapters;

namespace LogFlux.Sinks.Core.Tests.Support;

/// <summary>A deferred entry over fixed data that counts how often the client asked it for its payload.</summary>
internal sealed class TestDeferredEntry : DeferredLogEntry
{
    private readonly string _message;
    private readonly Dictionary<string, object?> _attributes;
    private int _renders;
    private int _attributeWrites;
    private int _conversions;

    public TestDeferredEntry(string message, Dictionary<string, object?>? attributes = null, string? logger = null, LogFluxLevel level = LogFluxLevel.Info, bool hasTraceContext = false, bool failOnWrite = false)
        : base(level, new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero))
    {
        _message = message;
        _attributes = attributes ?? new Dictionary<string, object?>();
        Logger = logger;
        HasTraceContext = hasTraceContext;
        FailOnWrite = failOnWrite;
    }

    /// <summary>When set, writing the attributes throws (an adapter bug on the sender).</summary>
    public bool FailOnWrite { get; }

    public override int EstimatedBytes => 256 + 2 * _message.Length;

    public override bool HasTraceContext { get; }

    public override string? Logger { get; }

    public int Renders => Volatile.Read(ref _renders);

    public int AttributeWrites => Volatile.Read(ref _attributeWrites);

    public int Conversions => Volatile.Read(ref _conversions);

    public override void RenderMessage(TextWriter output)
    {
        Interlocked.Increment(ref _renders);
        output.Write(_message);
    }

    public override void WriteAttributes(LogFluxAttributeWriter attributes)
    {
        Interlocked.Increment(ref _attributeWrites);
        if (FailOnWrite) throw new InvalidOperationException("attribute writing failed");
        foreach (var pair in _attributes) attributes.AddValue(pair.Key, pair.Value);
    }

    public override LogEntry ToLogEntry()
    {
        Interlocked.Increment(ref _conversions);
        var entry = new LogEntry(Level, _message, Timestamp) { Logger = Logger };
        foreach (var pair in _attributes) entry.SetAttribute(pair.Key, AttributeValueFormatter.Format(pair.Value));
        return entry;
    }
}
