using System.Globalization;
using LogFlux.Sinks.Records;
using Serilog.Events;
using LogFlux.Sinks.Protocol;

namespace Serilog.Sinks.LogFlux;

/// <summary>
/// Reads a Serilog event held by a <see cref="CapturedRecord"/>: its properties (scalars in the core's text form,
/// the rest through <see cref="PropertyValueConverter"/>; <c>SourceContext</c> is the logger, not an attribute)
/// and its message, rendered on the sender (Serilog events do not change once emitted).
/// </summary>
internal sealed class LogEventFormatter : RecordFormatter
{
    public static readonly LogEventFormatter Instance = new();

    public override void WriteProperties(object properties, LogFluxAttributeWriter attributes)
    {
        foreach (var property in (IReadOnlyDictionary<string, LogEventPropertyValue>)properties)
        {
            if (property.Key == LogEventConverter.SourceContextProperty) continue;
            if (property.Value is ScalarValue scalar) attributes.AddValue(property.Key, scalar.Value);
            else attributes.Add(property.Key, PropertyValueConverter.ToAttribute(property.Value));
        }
    }

    public override bool TryGetValue(object properties, string name, out object? value)
    {
        var found = ((IReadOnlyDictionary<string, LogEventPropertyValue>)properties).TryGetValue(name, out var property);
        value = found ? PropertyValueConverter.ToPlain(property) : null;
        return found;
    }

    public override void RenderMessage(object state, TextWriter output) => ((LogEvent)state).RenderMessage(output, CultureInfo.InvariantCulture);
}
