using System.Text;
using System.Text.Json;

namespace LogFlux.Sinks.Testing.WebView;

/// <summary>An entry's decrypted payload as one compact JSON line (NDJSON), whatever layout the client used.</summary>
internal static class EntryJsonLine
{
    public static string Format(ReceivedEntry entry)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            entry.Json.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
