using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Records;

/// <summary>
/// Reads the state of an <c>ILogger</c> call (name/value pairs whose <c>{OriginalFormat}</c> entry holds the message
/// template), as captured by the logging provider and the OpenTelemetry log exporter: the template is not a
/// property, it becomes the <c>message_template</c> extra attribute with the event id and name
/// (<see cref="Extras"/>). Such calls carry no helper markers.
/// </summary>
internal class TemplateStateFormatter : RecordFormatter
{
    /// <summary>The state key that holds the message template.</summary>
    public const string OriginalFormatKey = "{OriginalFormat}";
    public const string EventIdAttribute = "event_id";
    public const string EventNameAttribute = "event_name";

    public static readonly TemplateStateFormatter Instance = new();

    /// <summary>The extra attributes of a call: its template, event id (when not 0) and event name; null when it has none.</summary>
    public static KeyValuePair<string, object?>[]? Extras(string? template, int eventId, string? eventName)
    {
        var count = (string.IsNullOrEmpty(template) ? 0 : 1) + (eventId != 0 ? 1 : 0) + (string.IsNullOrEmpty(eventName) ? 0 : 1);
        if (count == 0) return null;
        var extras = new KeyValuePair<string, object?>[count];
        var i = 0;
        if (!string.IsNullOrEmpty(template)) extras[i++] = new(RecordAttributes.MessageTemplate, template);
        if (eventId != 0) extras[i++] = new(EventIdAttribute, eventId);
        if (!string.IsNullOrEmpty(eventName)) extras[i] = new(EventNameAttribute, eventName);
        return extras;
    }

    /// <inheritdoc />
    public override void WriteProperties(object properties, LogFluxAttributeWriter attributes)
    {
        try
        {
            base.WriteProperties(properties, attributes);
        }
        catch (Exception)
        {
            // A state whose enumeration fails keeps the attributes written so far.
        }
    }

    /// <inheritdoc />
    public override bool TryGetValue(object properties, string name, out object? value)
    {
        value = null;
        return false;
    }

    /// <inheritdoc />
    protected override bool Includes(string name) => name != OriginalFormatKey;
}
