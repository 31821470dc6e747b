using System.Globalization;
using LogFlux.Sinks.Testing;

namespace LogFlux.OpenTelemetry.Sample;

/// <summary>Prints what the embedded receiver got: each trace as a tree of spans with their logs, then the metrics.</summary>
internal static class TelemetryPrinter
{
    public static void PrintTraces(IReadOnlyList<ReceivedEntry> entries, TextWriter output)
    {
        var spans = entries.Where(e => e.Type == "trace").ToList();
        var logs = entries.Where(e => e.Type == "log").ToList();
        var known = spans.Select(s => s.GetString("span_id")).ToHashSet();
        foreach (var trace in spans.GroupBy(s => s.GetString("trace_id")))
        {
            output.WriteLine();
            output.WriteLine($"trace {trace.Key}");
            var roots = trace.Where(s => s.GetString("parent_span_id") is not { } parent || !known.Contains(parent));
            foreach (var root in ByStart(roots)) PrintSpan(root, trace.ToList(), logs, output, "  ");
        }
    }

    public static void PrintMetrics(IReadOnlyList<ReceivedEntry> entries, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("metrics");
        foreach (var metric in entries.Where(e => e.Type == "metric").OrderBy(e => e.GetString("name"), StringComparer.Ordinal))
        {
            // The embedded receiver's own requests have no route; they are not part of the sample.
            if (metric.GetString("name")!.StartsWith("http.server.", StringComparison.Ordinal) && !metric.Attributes.ContainsKey("http.route")) continue;
            var value = metric.Json.GetProperty("value").GetDouble().ToString("G6", CultureInfo.InvariantCulture);
            var attributes = string.Join(", ", metric.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"));
            output.WriteLine($"  {metric.GetString("kind"),-12} {metric.GetString("name")} = {value} {metric.GetString("unit")}  {{{attributes}}}");
        }
    }

    private static void PrintSpan(ReceivedEntry span, List<ReceivedEntry> trace, List<ReceivedEntry> logs, TextWriter output, string indent)
    {
        var id = span.GetString("span_id");
        var duration = span.Json.GetProperty("duration_ms").GetInt64();
        output.WriteLine($"{indent}{span.GetString("operation")} \"{span.GetString("name")}\" {span.GetString("status")} {duration} ms (span {id})");
        foreach (var log in logs.Where(l => l.Attributes.TryGetValue("span_id", out var s) && s == id))
        {
            output.WriteLine($"{indent}    log [{log.Source}] {log.Message}");
        }
        foreach (var child in ByStart(trace.Where(s => s.GetString("parent_span_id") == id))) PrintSpan(child, trace, logs, output, indent + "  ");
    }

    private static IEnumerable<ReceivedEntry> ByStart(IEnumerable<ReceivedEntry> spans) =>
        spans.OrderBy(s => s.GetString("start_time"), StringComparer.Ordinal);
}
