using log4net.Core;

namespace log4net.Appender.LogFlux.Helpers;

/// <summary>
/// Writes a helper event (metric, event, audit, span) through a log4net logger as an ordinary event whose
/// own properties carry the LogFlux marker. The properties belong to that one event, so nothing leaks into
/// other events, while ThreadContext, LogicalThreadContext and GlobalContext still apply.
/// </summary>
internal static class HelperEventWriter
{
    private static readonly Type BoundaryType = typeof(LogFluxLogExtensions);

    public static void Write(ILog? log, Level level, string message, IEnumerable<KeyValuePair<string, object?>> marker,
        IEnumerable<KeyValuePair<string, object?>>? attributes)
    {
        try
        {
            var logger = log?.Logger;
            if (logger is null || !logger.IsEnabledFor(level)) return;
            var loggingEvent = new LoggingEvent(BoundaryType, logger.Repository, logger.Name, level, message, null);
            if (attributes is not null)
            {
                foreach (var pair in attributes)
                {
                    if (pair.Key is not null) loggingEvent.Properties[pair.Key] = pair.Value;
                }
            }
            foreach (var pair in marker) loggingEvent.Properties[pair.Key] = pair.Value;
            logger.Log(loggingEvent);
        }
        catch (Exception)
        {
            // Helpers are logging calls: they never throw into the application.
        }
    }
}
