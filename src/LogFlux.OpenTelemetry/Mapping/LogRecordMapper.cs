using LogFlux.Sinks.Context;
using LogFlux.Sinks.Records;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;

namespace LogFlux.OpenTelemetry.Mapping;

/// <summary>
/// A log record of the OpenTelemetry logging pipeline (an <c>ILogger</c> call) as a LogFlux log entry (entry type 1):
/// the level mapped like every LogFlux adapter maps <c>ILogger</c> levels (<see cref="LevelOf"/>), the rendered message
/// (<see cref="LogRecord.FormattedMessage"/>, else the template with its values filled in), the category in
/// <c>logger</c>, the record's attributes (without <c>{OriginalFormat}</c>), then <c>message_template</c>,
/// <c>event_id</c> and <c>event_name</c>, the exception as an error capture and the record's trace and span id.
/// The record is read completely here: the SDK reuses it after the export returns.
/// </summary>
internal static class LogRecordMapper
{
    public static LogFluxEntry ToEntry(LogRecord record, string? source)
    {
        var template = record.Body;
        if (template is null && record.Attributes is { } pairs)
        {
            foreach (var pair in pairs)
            {
                if (pair.Key == TemplateStateFormatter.OriginalFormatKey) template = pair.Value as string;
            }
        }
        var captured = new CapturedRecord(LevelOf(record.LogLevel), new DateTimeOffset(DateTime.SpecifyKind(record.Timestamp, DateTimeKind.Utc)), record.CategoryName)
        {
            Message = record.FormattedMessage ?? MessageTemplateText.Render(template, record.Attributes) ?? string.Empty,
            Properties = record.Attributes,
            Formatter = TemplateStateFormatter.Instance,
            Extra = TemplateStateFormatter.Extras(template, record.EventId.Id, record.EventId.Name),
            Exception = record.Exception,
        }.WithTrace(CapturedTrace.FromIds(record.TraceId, record.SpanId));
        var entry = RecordAttributes.ToEntry(captured);
        entry.Source = source;
        return entry;
    }

    /// <summary>Trace and Debug → Debug (8), Information → Info (7), Warning → Warning (5), Error → Error (4), Critical → Critical (3).</summary>
    public static LogFluxLevel LevelOf(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => LogFluxLevel.Debug,
        LogLevel.Information => LogFluxLevel.Info,
        LogLevel.Warning => LogFluxLevel.Warning,
        LogLevel.Error => LogFluxLevel.Error,
        LogLevel.Critical => LogFluxLevel.Critical,
        _ => LogFluxLevel.Info,
    };
}
