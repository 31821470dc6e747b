using System.Diagnostics;
using LogFlux.Sinks.Records;

namespace LogFlux.OpenTelemetry.Mapping;

/// <summary>
/// The <c>exception</c> events of an activity (what <c>Activity.AddException</c> and the instrumentations record) as
/// LogFlux error captures (entry type 1, level 4) linked to the span through <c>trace_id</c> and <c>span_id</c>: type
/// from <c>exception.type</c>, message from <c>exception.message</c>, frames read from <c>exception.stacktrace</c>
/// (<see cref="StackTraceText"/>), at the event's time; the span's name goes to attribute <c>span.name</c>.
/// </summary>
internal static class ExceptionEventMapper
{
    public const string EventName = "exception";

    public static LogEntry ToEntry(Activity activity, in ActivityEvent exceptionEvent, string? source)
    {
        string? type = null, message = null, stackTrace = null;
        foreach (var tag in exceptionEvent.EnumerateTagObjects())
        {
            switch (tag.Key)
            {
                case "exception.type": type = tag.Value as string; break;
                case "exception.message": message = tag.Value as string; break;
                case "exception.stacktrace": stackTrace = tag.Value as string; break;
            }
        }
        var error = new ErrorDetails(string.IsNullOrEmpty(type) ? "unknown" : type, message ?? string.Empty);
        StackTraceText.ReadFrames(stackTrace, error.StackTrace);
        var entry = new LogEntry(LogFluxLevel.Error, string.IsNullOrEmpty(message) ? error.Type : message,
            new DateTimeOffset(DateTime.SpecifyKind(exceptionEvent.Timestamp.UtcDateTime, DateTimeKind.Utc)))
        {
            Error = error,
            Source = source,
            Logger = string.IsNullOrEmpty(activity.Source.Name) ? null : activity.Source.Name,
        };
        CapturedTrace.FromIds(activity.TraceId, activity.SpanId).ApplyTo(entry);
        entry.SetAttribute("span.name", activity.DisplayName);
        return entry;
    }
}
