using System.Text.Json;
using LogFlux.Sinks.Testing;

namespace LogFlux.Sinks.Demo;

/// <summary>Prints what the receiver decrypted and what the clients report, and judges delivery.</summary>
internal static class Report
{
    private const string Untagged = "(untagged)";

    /// <summary>The received entries grouped by framework, then by entry type.</summary>
    public static void PrintEntries(IReadOnlyList<ReceivedEntry> entries)
    {
        Heading($"What the receiver decrypted: {entries.Count} entries, by framework and entry type");
        foreach (var framework in entries.GroupBy(FrameworkOf).OrderBy(g => FrameworkOrder(g.Key)))
        {
            Console.WriteLine($"-- {framework.Key}: {framework.Count()} entries");
            foreach (var type in framework.GroupBy(e => e.EntryType).OrderBy(g => g.Key))
            {
                Console.WriteLine($"   {TypeName(type.Key)} ({type.Count()})");
                foreach (var entry in type.OrderBy(e => e.Ts, StringComparer.Ordinal)) Console.WriteLine($"      {entry}");
            }
        }
    }

    /// <summary>Every error capture with its exception chain and the breadcrumbs that came with it.</summary>
    public static void PrintErrorCaptures(IReadOnlyList<ReceivedEntry> entries)
    {
        var errors = entries.Where(e => e.GetString("error_type") is not null).OrderBy(e => FrameworkOrder(FrameworkOf(e))).ToList();
        Heading($"Error captures: {errors.Count}");
        foreach (var error in errors)
        {
            Console.WriteLine($"-- [{FrameworkOf(error)}] {error.GetString("error_type")}: {error.GetString("error_message")}");
            foreach (var cause in Elements(error, "error_chain").Skip(1))
            {
                Console.WriteLine($"      caused by {Text(cause, "type")}: {Text(cause, "message")}");
            }
            var frames = Elements(error, "stack_trace").ToList();
            if (frames.Count > 0) Console.WriteLine($"      {frames.Count} stack frame(s), top: {Text(frames[0], "function")}");
            var breadcrumbs = Elements(error, "breadcrumbs").ToList();
            Console.WriteLine($"      {breadcrumbs.Count} breadcrumb(s){(breadcrumbs.Count > 0 ? ", most recent last:" : string.Empty)}");
            foreach (var crumb in breadcrumbs.TakeLast(5))
            {
                Console.WriteLine($"         {Text(crumb, "category"),-10} {Text(crumb, "message")}");
            }
        }
    }

    /// <summary>The core's trace: the caller's spans and the second service's span that continued it.</summary>
    /// <returns>True when the second service's span names the caller's span as its parent.</returns>
    public static bool PrintCrossServiceTrace(IReadOnlyList<ReceivedEntry> entries, TourResults results)
    {
        Heading("Trace across two services (X-LogFlux-Trace over HTTP)");
        if (results.CrossServiceTrace is not { } expected)
        {
            Console.WriteLine("   the core did not record the cross-service call");
            return false;
        }
        var spans = entries.Where(e => e.Type == "trace" && e.GetString("trace_id") == expected.TraceId).ToList();
        var roots = spans.Where(s => !spans.Any(p => p.GetString("span_id") == s.GetString("parent_span_id"))).ToList();
        foreach (var root in roots) PrintSpanTree(root, spans, depth: 0);

        var continued = spans.Any(s => s.Source == DemoSettings.InventorySource && s.GetString("parent_span_id") == expected.CallerSpanId);
        Console.WriteLine(continued
            ? $"   {DemoSettings.InventorySource} continued trace {expected.TraceId} as a child of the caller's span {expected.CallerSpanId}."
            : $"   MISSING: no span of {DemoSettings.InventorySource} continues trace {expected.TraceId} from span {expected.CallerSpanId}.");
        return continued;
    }

    /// <summary>The stats of every client, after its flush.</summary>
    public static void PrintStats(TourResults results)
    {
        Heading("Client stats");
        foreach (var (client, stats) in results.Stats)
        {
            Console.WriteLine($"-- {client}");
            Console.WriteLine($"   {stats}");
        }
    }

    /// <summary>Compares, per framework, what the receiver decrypted with what was sent.</summary>
    /// <returns>True when every framework's entries arrived, no more and no fewer.</returns>
    public static bool PrintReceiverDelivery(IReadOnlyList<ReceivedEntry> entries, TourResults results)
    {
        Heading("Delivery");
        var received = entries.GroupBy(FrameworkOf).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var ok = true;
        foreach (var framework in results.Sent.Keys.Union(received.Keys).OrderBy(FrameworkOrder))
        {
            var sent = results.Sent.GetValueOrDefault(framework);
            var got = received.GetValueOrDefault(framework);
            ok &= sent == got;
            Console.WriteLine($"   {framework,-10} sent {sent,3}, decrypted {got,3}{(sent == got ? string.Empty : "   <-- MISMATCH")}");
        }
        Console.WriteLine(ok
            ? $"All {results.TotalSent} entries arrived and were decrypted by the receiver."
            : $"Not everything arrived: sent {results.TotalSent}, decrypted {entries.Count}.");
        return ok;
    }

    /// <summary>Delivery to a real endpoint, judged from the clients' stats (the service does not echo entries back).</summary>
    /// <returns>True when every client sent all it queued and dropped nothing.</returns>
    public static bool PrintServiceDelivery(TourResults results)
    {
        Heading("Delivery");
        var ok = true;
        foreach (var (client, stats) in results.Stats)
        {
            var delivered = stats.EntriesDropped == 0 && stats.EntriesSent == stats.EntriesQueued;
            ok &= delivered;
            Console.WriteLine($"   {client}: {stats.EntriesSent} of {stats.EntriesQueued} queued entries accepted, {stats.EntriesDropped} dropped" +
                (stats.LastSendError is { } error ? $", last error: {error}" : string.Empty));
        }
        Console.WriteLine(ok
            ? $"All {results.TotalSent} entries were accepted by the endpoint."
            : "Not everything was delivered; see the stats above.");
        return ok;
    }

    /// <summary>How to watch entries live in a browser instead of reading this report.</summary>
    public static void PrintWebViewHint()
    {
        Console.WriteLine();
        Console.WriteLine("To watch entries live in a browser (filters, traces, metrics, refused requests): " +
            "dotnet run --project samples/LogFlux.Sinks.Demo -- receive --web, then open the URL it prints.");
    }

    private static void PrintSpanTree(ReceivedEntry span, List<ReceivedEntry> spans, int depth)
    {
        Console.WriteLine($"   {new string(' ', depth * 3)}{span.GetString("operation")} \"{span.GetString("name")}\" [{span.Source}] span {span.GetString("span_id")}");
        foreach (var child in spans.Where(s => s.GetString("parent_span_id") == span.GetString("span_id")))
        {
            PrintSpanTree(child, spans, depth + 1);
        }
    }

    private static string FrameworkOf(ReceivedEntry entry) =>
        entry.Attributes.TryGetValue(DemoSettings.FrameworkAttribute, out var framework) ? framework : Untagged;

    private static int FrameworkOrder(string framework)
    {
        var index = DemoSettings.Frameworks.ToList().IndexOf(framework);
        return index < 0 ? int.MaxValue : index;
    }

    private static string TypeName(int entryType) =>
        Enum.IsDefined(typeof(LogFluxEntryType), entryType) ? $"{(LogFluxEntryType)entryType}" : $"entry type {entryType}";

    private static IEnumerable<JsonElement> Elements(ReceivedEntry entry, string property) =>
        entry.Json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [];

    private static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : string.Empty;

    private static void Heading(string title)
    {
        Console.WriteLine();
        Console.WriteLine($"== {title} ==");
    }
}
