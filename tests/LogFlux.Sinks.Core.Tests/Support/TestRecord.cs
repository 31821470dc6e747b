using LogFlux.Sinks.Records;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Core.Tests.Support;

/// <summary>A captured record over fixed data whose formatter counts how often the client asked for its payload.</summary>
internal sealed class TestRecord
{
    private readonly CountingFormatter _formatter;

    public TestRecord(string message, Dictionary<string, object?>? attributes = null, string? logger = null, LogFluxLevel level = LogFluxLevel.Info, bool hasTraceContext = false, bool failOnWrite = false)
    {
        _formatter = new CountingFormatter(failOnWrite);
        Record = New(message, attributes, logger, level, _formatter);
        if (hasTraceContext) Record.WithTrace(default);
    }

    public CapturedRecord Record { get; }

    public int Renders => Volatile.Read(ref _formatter.Renders);

    public int AttributeWrites => Volatile.Read(ref _formatter.AttributeWrites);

    public int EstimatedBytes => Record.EstimatedBytes;

    public static implicit operator CapturedRecord(TestRecord record) => record.Record;

    /// <summary>The same data as an entry, built by the core from a fresh record.</summary>
    public LogFluxEntry ToLogEntry() => RecordAttributes.ToEntry(New((string)Record.MessageState!, (Dictionary<string, object?>?)Record.Properties, Record.Logger, Record.Level, RecordFormatter.Default));

    private static CapturedRecord New(string message, Dictionary<string, object?>? attributes, string? logger, LogFluxLevel level, RecordFormatter formatter) =>
        new(level, new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero), logger)
        {
            MessageState = message,
            Properties = attributes,
            PropertyCount = attributes?.Count ?? 0,
            Formatter = formatter,
        };

    private sealed class CountingFormatter(bool failOnWrite) : RecordFormatter
    {
        public int Renders;
        public int AttributeWrites;

        public override void WriteProperties(object properties, LogFluxAttributeWriter attributes)
        {
            Interlocked.Increment(ref AttributeWrites);
            if (failOnWrite) throw new InvalidOperationException("attribute writing failed");
            base.WriteProperties(properties, attributes);
        }

        public override void RenderMessage(object state, TextWriter output)
        {
            Interlocked.Increment(ref Renders);
            base.RenderMessage(state, output);
        }
    }
}
