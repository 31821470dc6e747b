using LogFlux.Sinks.Testing;

namespace LogFlux.Sinks.Demo;

/// <summary>Prints what the receiver decrypted, grouped by entry type.</summary>
internal static class Report
{
    public static void PrintEntries(string title, IReadOnlyList<ReceivedEntry> entries)
    {
        Console.WriteLine();
        Console.WriteLine($"== {title}: {entries.Count} entries decrypted by the receiver ==");
        foreach (var group in entries.GroupBy(e => e.EntryType).OrderBy(g => g.Key))
        {
            Console.WriteLine($"-- entry type {group.Key} ({group.First().Type}): {group.Count()}");
            foreach (var entry in group)
            {
                Console.WriteLine($"   {entry}");
            }
        }
    }
}
