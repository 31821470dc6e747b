using System.Text.Json;

namespace LogFlux.Sinks.Protocol;

/// <summary>Lenient helpers for reading server JSON: a document that does not parse is simply absent.</summary>
internal static class JsonBody
{
    public static JsonDocument? TryParse(ReadOnlyMemory<byte> json)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The trimmed string property, or null when missing, not a string, or blank.</summary>
    public static string? NonBlankString(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
            return null;
        string? text;
        try
        {
            text = value.GetString();
        }
        catch (InvalidOperationException)
        {
            // JsonDocument checks a string's UTF-8 only when it is read: invalid bytes make the value unusable.
            return null;
        }
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    /// <summary>The child object, or null.</summary>
    public static JsonElement? Object(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    /// <summary>A non-negative integer property, or 0 when missing or not an integer.</summary>
    public static long NonNegativeInteger(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            && value.TryGetInt64(out var number) && number > 0
            ? number
            : 0;
}
