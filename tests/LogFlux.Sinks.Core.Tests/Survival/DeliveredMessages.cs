using LogFlux.Sinks.Testing;

namespace LogFlux.Sinks.Core.Tests.Survival;

/// <summary>The messages the receiver got (optionally only those of one child's prefix): each distinct one, and how many arrived more than once.</summary>
internal sealed class DeliveredMessages
{
    private DeliveredMessages(HashSet<string> unique, int duplicated)
    {
        Unique = unique;
        Duplicated = duplicated;
    }

    public HashSet<string> Unique { get; }

    /// <summary>Receptions beyond the first of a message.</summary>
    public int Duplicated { get; }

    public int Count => Unique.Count;

    public static DeliveredMessages Of(LogFluxTestServer server, string? prefix = null)
    {
        var unique = new HashSet<string>(StringComparer.Ordinal);
        var all = 0;
        foreach (var entry in server.Entries)
        {
            var message = MessageOf(entry);
            if (prefix is not null && !HasPrefix(message, prefix)) continue;
            all++;
            unique.Add(message);
        }
        return new DeliveredMessages(unique, all - unique.Count);
    }

    public static string MessageOf(ReceivedEntry entry) => entry.Json.GetProperty("message").GetString() ?? "";

    /// <summary>True for "&lt;prefix&gt;-&lt;index&gt;".</summary>
    public static bool HasPrefix(string message, string prefix) =>
        message.Length > prefix.Length && message.StartsWith(prefix, StringComparison.Ordinal) && message[prefix.Length] == '-';
}
