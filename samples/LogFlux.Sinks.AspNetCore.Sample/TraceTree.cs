using LogFlux.Sinks.Testing;

namespace LogFlux.Sinks.AspNetCore.Sample;

/// <summary>Prints received spans as a tree per trace, with the logs written inside each span under it.</summary>
internal static class TraceTree
{
    public static void Print(IReadOnlyList<ReceivedEntry> entries, TextWriter output)
    {
        var spans = entries.Where(e => e.Type == "trace").ToList();
        var logs = entries.Where(e => e.Type == "log").ToList();
        var spanIds = spans.Select(s => s.GetString("span_id")).ToHashSet();
        foreach (var trace in spans.GroupBy(s => s.GetString("trace_id")))
        {
            output.WriteLine();
            output.WriteLine($"trace {trace.Key}");
            // A span whose parent was not received (e.g. ASP.NET Core's own request activity) is shown as a root.
            foreach (var root in trace.Where(s => s.GetString("parent_span_id") is not { } parent || !spanIds.Contains(parent)).OrderBy(s => s.GetString("start_time"), StringComparer.Ordinal))
            {
                PrintSpan(root, trace.ToList(), logs, output, "  ");
            }
        }
    }

    private static void PrintSpan(ReceivedEntry span, List<ReceivedEntry> trace, List<ReceivedEntry> logs, TextWriter output, string indent)
    {
        var id = span.GetString("span_id");
        var duration = span.Json.TryGetProperty("duration_ms", out var ms) ? ms.GetInt64() : 0;
        output.WriteLine($"{indent}[{span.Source}] {span.GetString("operation")} \"{span.GetString("name")}\" {span.GetString("status")} {duration} ms (span {id})");
        foreach (var log in logs.Where(l => l.Attributes.TryGetValue("span_id", out var s) && s == id))
        {
            var requestId = log.Attributes.TryGetValue("request_id", out var r) ? $" request_id={r}" : string.Empty;
            output.WriteLine($"{indent}    log: {log.Message}{requestId}");
        }
        foreach (var child in trace.Where(s => s.GetString("parent_span_id") == id).OrderBy(s => s.GetString("start_time"), StringComparer.Ordinal))
        {
            PrintSpan(child, trace, logs, output, indent + "  ");
        }
    }
}
