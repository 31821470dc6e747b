using System.Globalization;
using LogFlux.Sinks;
using LogFlux.Sinks.Adapters;
using Serilog.Events;

namespace Serilog.Sinks.LogFlux;

/// <summary>
/// A Serilog event queued as it is: the client's sender renders its message and writes its properties straight
/// into the payload, with the same result as <see cref="LogEventConverter.ToLogEntry(LogEvent)"/>.
/// </summary>
internal sealed class DeferredLogEvent : DeferredLogEntry
{
    private const int EventOverhead = 384;
    private const int PropertyOverhead = 96;

    private readonly LogEvent _event;
    private readonly LogEventConverter _converter;

    public DeferredLogEvent(LogEvent logEvent, LogFluxLevel level, LogEventConverter converter)
        : base(level, logEvent.Timestamp)
    {
        _event = logEvent;
        _converter = converter;
        EstimatedBytes = Estimate(logEvent);
    }

    public override int EstimatedBytes { get; }

    public override bool HasTraceContext => _event.TraceId is { } trace && trace != default;

    public override string? Logger =>
        _event.Properties.TryGetValue(LogEventConverter.SourceContextProperty, out var value)
            ? value is ScalarValue { Value: string name } ? name : PropertyValueConverter.ToAttribute(value)
            : null;

    public override void RenderMessage(TextWriter output) => _event.RenderMessage(output, CultureInfo.InvariantCulture);

    public override void WriteAttributes(LogFluxAttributeWriter attributes)
    {
        foreach (var property in _event.Properties)
        {
            if (property.Key == LogEventConverter.SourceContextProperty) continue;
            if (property.Value is ScalarValue scalar) attributes.AddValue(property.Key, scalar.Value);
            else attributes.Add(property.Key, PropertyValueConverter.ToAttribute(property.Value));
        }
        if (_converter.IncludeMessageTemplate) attributes.Add(LogEventConverter.MessageTemplateAttribute, _event.MessageTemplate.Text);
        if (HasTraceContext && !attributes.Contains(LogEventConverter.TraceIdAttribute))
        {
            attributes.Add(LogEventConverter.TraceIdAttribute, _event.TraceId!.Value.ToHexString());
            if (_event.SpanId is { } span && span != default) attributes.Add(LogEventConverter.SpanIdAttribute, span.ToHexString());
        }
    }

    public override LogEntry ToLogEntry() => _converter.ToLogEntry(_event);

    private static int Estimate(LogEvent logEvent)
    {
        long size = EventOverhead + 4L * logEvent.MessageTemplate.Text.Length;
        if (logEvent.Properties is Dictionary<string, LogEventPropertyValue> properties)
        {
            foreach (var pair in properties)
            {
                size += PropertyOverhead;
                if (pair.Value is ScalarValue { Value: string text }) size += 2L * text.Length;
            }
        }
        else
        {
            size += PropertyOverhead * logEvent.Properties.Count;
        }
        return (int)Math.Min(size, int.MaxValue / 2);
    }
}
