using System.Diagnostics;

namespace LogFlux.OpenTelemetry.Mapping;

/// <summary>
/// An ended activity as a LogFlux span (entry type 3): W3C ids, parent span id (none for a root), operation and name
/// (<see cref="SpanNaming"/>), start and end (the duration follows), status <c>error</c> for
/// <see cref="ActivityStatusCode.Error"/> (or the <c>otel.status_code</c> tag <c>ERROR</c>) with the description in
/// <c>error.message</c>, the tags as attributes plus <c>span.kind</c> and <c>otel.scope.name</c>.
/// </summary>
internal static class SpanMapper
{
    private const string StatusCodeTag = "otel.status_code";
    private const string StatusDescriptionTag = "otel.status_description";

    public static SpanEntry ToEntry(Activity activity, string? source)
    {
        var (operation, name) = SpanNaming.Of(activity);
        var start = new DateTimeOffset(DateTime.SpecifyKind(activity.StartTimeUtc, DateTimeKind.Utc));
        var end = start + (activity.Duration < TimeSpan.Zero ? TimeSpan.Zero : activity.Duration);
        var entry = new SpanEntry(activity.TraceId.ToHexString(), activity.SpanId.ToHexString(), operation, name, start, end)
        {
            ParentSpanId = activity.ParentSpanId == default ? null : activity.ParentSpanId.ToHexString(),
            Source = source,
        };

        var attributes = TagAttributes.NewMap();
        string? statusCode = null, statusDescription = null;
        foreach (var tag in activity.TagObjects)
        {
            switch (tag.Key)
            {
                case StatusCodeTag: statusCode = tag.Value as string; continue;
                case StatusDescriptionTag: statusDescription = tag.Value as string; continue;
                default: TagAttributes.Add(attributes, tag.Key, tag.Value); break;
            }
        }
        attributes["span.kind"] = SpanNaming.KindName(activity.Kind);
        if (!string.IsNullOrEmpty(activity.Source.Name)) attributes.TryAdd("otel.scope.name", activity.Source.Name);

        if (activity.Status == ActivityStatusCode.Error || string.Equals(statusCode, "ERROR", StringComparison.OrdinalIgnoreCase))
        {
            entry.Status = "error";
            var description = activity.StatusDescription ?? statusDescription;
            if (!string.IsNullOrEmpty(description)) attributes.TryAdd("error.message", description);
        }
        entry.Attributes = attributes;
        return entry;
    }
}
