using log4net.Core;

namespace log4net.Appender.LogFlux.Mapping;

/// <summary>
/// Reads a logging event's composite properties (event properties, ThreadContext, LogicalThreadContext and
/// GlobalContext), skipping log4net's own <c>log4net:</c> keys. Context stacks are
/// fixed to their text first, so the value is the one current on the logging thread.
/// </summary>
internal static class EventPropertyReader
{
    private const string InternalPrefix = "log4net:";

    /// <summary>The property values as they are now (fixed where log4net requires it), or null when there are none.</summary>
    public static List<KeyValuePair<string, object?>>? Capture(LoggingEvent loggingEvent)
    {
        List<KeyValuePair<string, object?>>? captured = null;
        foreach (var pair in loggingEvent.GetProperties())
        {
            if (pair.Key is null || pair.Key.StartsWith(InternalPrefix, StringComparison.Ordinal)) continue;
            var value = pair.Value is IFixingRequired fixing ? fixing.GetFixedObject() : pair.Value;
            if (value is not null) (captured ??= new List<KeyValuePair<string, object?>>()).Add(new(pair.Key, value));
        }
        return captured;
    }
}
