using Serilog.Core;
using Serilog.Events;

namespace Serilog.Sinks.LogFlux;

/// <summary>
/// Adds a fixed set of properties to an event: the helper's marker properties (always, they define the
/// entry) and the caller's extra attributes (only where the event has no property of that name yet).
/// </summary>
internal sealed class FixedPropertiesEnricher : ILogEventEnricher
{
    private readonly IReadOnlyList<KeyValuePair<string, object?>> _markers;
    private readonly IEnumerable<KeyValuePair<string, object?>>? _attributes;

    public FixedPropertiesEnricher(IReadOnlyList<KeyValuePair<string, object?>> markers, IEnumerable<KeyValuePair<string, object?>>? attributes)
    {
        _markers = markers;
        _attributes = attributes;
    }

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var marker in _markers)
        {
            if (marker.Value is not null) logEvent.AddOrUpdateProperty(propertyFactory.CreateProperty(marker.Key, marker.Value));
        }
        if (_attributes is null) return;
        foreach (var attribute in _attributes)
        {
            if (!string.IsNullOrEmpty(attribute.Key))
            {
                logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty(attribute.Key, attribute.Value, destructureObjects: true));
            }
        }
    }
}
