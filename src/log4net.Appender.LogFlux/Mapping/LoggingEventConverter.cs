using log4net.Core;
using LogFlux.Sinks.Records;

namespace log4net.Appender.LogFlux.Mapping;

/// <summary>
/// Captures one log4net event as a record for the LogFlux client. Runs on the logging thread and reads there what
/// log4net only knows there (the properties with their context stacks fixed, the location), so the event itself
/// never has to be fixed; the values are formatted on the sender. The client captures the current trace when it
/// queues the record, on this same thread. The core decides the attributes and turns events written by the helper
/// methods into their entry types.
/// </summary>
internal sealed class LoggingEventConverter(Log4NetLevelMapper levels, bool includeLocation)
{
    private const string Unknown = "?";

    /// <summary>The record, or null for events that are never sent (level OFF).</summary>
    public CapturedRecord? ToRecord(LoggingEvent loggingEvent, string message)
    {
        if (!levels.TryMap(loggingEvent.Level, out var level)) return null;
        var properties = EventPropertyReader.Capture(loggingEvent);
        List<KeyValuePair<string, object?>>? extra = null;
        if (includeLocation) AddLocation(loggingEvent, extra = new List<KeyValuePair<string, object?>>(5));
        var exception = loggingEvent.ExceptionObject;
        if (exception is null && loggingEvent.GetExceptionString() is { Length: > 0 } exceptionText)
        {
            // Events rebuilt from serialised data carry only the exception's text.
            (extra ??= new List<KeyValuePair<string, object?>>(1)).Add(new("exception", exceptionText));
        }
        return new CapturedRecord(level, new DateTimeOffset(loggingEvent.TimeStampUtc, TimeSpan.Zero), loggingEvent.LoggerName)
        {
            Message = message,
            Properties = properties,
            PropertyCount = properties?.Count ?? 0,
            Extra = extra,
            Exception = exception,
        };
    }

    private static void AddLocation(LoggingEvent loggingEvent, List<KeyValuePair<string, object?>> attributes)
    {
        var location = loggingEvent.LocationInformation;
        if (location is null) return;
        AddKnown(attributes, "class", location.ClassName);
        AddKnown(attributes, "method", location.MethodName);
        AddKnown(attributes, "file", location.FileName);
        AddKnown(attributes, "line", location.LineNumber);
    }

    private static void AddKnown(List<KeyValuePair<string, object?>> attributes, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value) && value != Unknown) attributes.Add(new(key, value));
    }
}
