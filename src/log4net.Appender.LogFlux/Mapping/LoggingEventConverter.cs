using log4net.Core;
using LogFlux.Sinks;
using LogFlux.Sinks.Adapters;

namespace log4net.Appender.LogFlux.Mapping;

/// <summary>
/// Builds the LogFlux entry for one log4net event. Runs on the logging thread and reads everything it needs
/// there (message, properties, location, exception, the current trace), so the event itself never has to be
/// fixed. Plain events cross to the sender as a <see cref="CapturedLogEvent"/> whose property values are
/// formatted there; events with an exception or from a helper method are converted here.
/// </summary>
internal sealed class LoggingEventConverter
{
    private const string Unknown = "?";

    private readonly Log4NetLevelMapper _levels;
    private readonly bool _includeLocation;

    public LoggingEventConverter(Log4NetLevelMapper levels, bool includeLocation)
    {
        _levels = levels;
        _includeLocation = includeLocation;
    }

    /// <summary>
    /// Captures a plain event (no exception, not written by a helper method) whose property values are formatted
    /// on the sender. Returns null when the event must be converted with <see cref="Convert"/> instead, or when
    /// <paramref name="skip"/> is set: the level is never sent.
    /// </summary>
    public DeferredLogEntry? TryCapture(LoggingEvent loggingEvent, string message, out bool skip)
    {
        skip = !_levels.TryMap(loggingEvent.Level, out var level);
        if (skip || loggingEvent.ExceptionObject is not null || loggingEvent.GetExceptionString() is { Length: > 0 }) return null;

        var properties = EventPropertyReader.Capture(loggingEvent);
        if (properties is not null && properties.Exists(p => p.Key == FrameworkEntryProperties.Kind)) return null;
        List<KeyValuePair<string, string>>? location = null;
        if (_includeLocation) AddLocation(loggingEvent, location = new List<KeyValuePair<string, string>>(4));
        LogFluxTraceContext.TryGetCurrent(out var traceId, out var spanId);
        return new CapturedLogEvent(
            level,
            new DateTimeOffset(loggingEvent.TimeStampUtc, TimeSpan.Zero),
            message,
            loggingEvent.LoggerName,
            properties,
            properties?.Count ?? 0,
            location,
            traceId,
            spanId);
    }

    /// <summary>Returns null for events that are never sent (level OFF).</summary>
    public LogFluxEntry? Convert(LoggingEvent loggingEvent, string message)
    {
        if (!_levels.TryMap(loggingEvent.Level, out var level)) return null;

        var entry = new LogEntry(level, message, new DateTimeOffset(loggingEvent.TimeStampUtc, TimeSpan.Zero))
        {
            Logger = loggingEvent.LoggerName,
        };

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (LogFluxTraceContext.TryGetCurrent(out var traceId, out var spanId))
        {
            attributes["trace_id"] = traceId;
            attributes["span_id"] = spanId;
        }
        if (_includeLocation)
        {
            var location = new List<KeyValuePair<string, string>>(4);
            AddLocation(loggingEvent, location);
            foreach (var pair in location) attributes[pair.Key] = pair.Value;
        }
        EventPropertyReader.CopyTo(loggingEvent, attributes);

        if (loggingEvent.ExceptionObject is { } exception)
        {
            entry.Error = ErrorDetails.FromException(exception);
        }
        else if (loggingEvent.GetExceptionString() is { Length: > 0 } exceptionText)
        {
            // Events rebuilt from serialised data carry only the exception's text.
            attributes["exception"] = exceptionText;
        }

        entry.Attributes = attributes.Count > 0 ? attributes : null;
        return FrameworkEntryConverter.Convert(entry);
    }

    private static void AddLocation(LoggingEvent loggingEvent, List<KeyValuePair<string, string>> attributes)
    {
        var location = loggingEvent.LocationInformation;
        if (location is null) return;
        AddKnown(attributes, "class", location.ClassName);
        AddKnown(attributes, "method", location.MethodName);
        AddKnown(attributes, "file", location.FileName);
        AddKnown(attributes, "line", location.LineNumber);
    }

    private static void AddKnown(List<KeyValuePair<string, string>> attributes, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value) && value != Unknown) attributes.Add(new(key, value));
    }
}
