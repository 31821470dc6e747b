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
    public const string OriginalFormat = "{OriginalFormat}";

    public static LogEntry ToEntry(LogRecord record, string? source)
    {
        var template = record.Body;
        var attributes = TagAttributes.NewMap();
        object? originalFormat = null;
        if (record.Attributes is { } recordAttributes)
        {
            foreach (var pair in recordAttributes)
            {
                if (pair.Key == OriginalFormat) originalFormat = pair.Value;
                else TagAttributes.Add(attributes, pair.Key, pair.Value);
            }
        }
        template ??= originalFormat as string;
        var message = record.FormattedMessage ?? MessageTemplateText.Render(template, record.Attributes) ?? string.Empty;
        if (!string.IsNullOrEmpty(template)) attributes.TryAdd("message_template", template);
        if (record.EventId.Id != 0) attributes.TryAdd("event_id", record.EventId.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(record.EventId.Name)) attributes.TryAdd("event_name", record.EventId.Name);
        if (record.TraceId != default && !attributes.ContainsKey("trace_id"))
        {
            attributes["trace_id"] = record.TraceId.ToHexString();
            if (record.SpanId != default) attributes["span_id"] = record.SpanId.ToHexString();
        }

        var entry = new LogEntry(LevelOf(record.LogLevel), message, new DateTimeOffset(DateTime.SpecifyKind(record.Timestamp, DateTimeKind.Utc)))
        {
            Logger = string.IsNullOrEmpty(record.CategoryName) ? null : record.CategoryName,
            Source = source,
            Attributes = attributes.Count > 0 ? attributes : null,
        };
        if (record.Exception is { } exception) entry.Error = ErrorDetails.FromException(exception);
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
