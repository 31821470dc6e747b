using System.Text.Json;
using System.Text.Json.Nodes;

namespace LogFlux.Sinks.Protocol;

/// <summary>
/// Fits an entry's JSON under a byte limit (docs/protocol.md#limits-and-truncation): first the message texts (and a <c>message_template</c>
/// attribute, which repeats the message's text) are shortened, then the
/// stack trace and then the breadcrumbs are dropped, and the attribute <c>logflux.truncated</c> = <c>true</c>
/// is added. An entry that still does not fit is rejected with a reason.
/// </summary>
internal static class EntryTruncation
{
    /// <summary>Room reserved for the truncation marker attribute.</summary>
    private const int MarkerRoom = 64;

    /// <summary>Serialises <paramref name="entry"/> into <paramref name="buffer"/>, truncating when it exceeds <paramref name="limit"/>.</summary>
    /// <returns>Null on success (<paramref name="json"/> is the text), otherwise why the entry cannot be sent.</returns>
    public static string? Fit(LogFluxEntry entry, GlobalContext context, PooledBufferWriter buffer, Utf8JsonWriter writer, int limit, out ReadOnlySpan<byte> json)
    {
        json = Serialize(entry, context, buffer, writer, EntryJsonWriter.Truncation.None);
        if (json.Length <= limit) return null;
        int original = json.Length;
        if (entry is not LogEntry log) return TooLarge(original, limit);

        var texts = LogTexts(log);
        int estimate = TextCap(original - limit + MarkerRoom, texts);
        int longest = Longest(texts);
        (bool DropStackTrace, bool DropBreadcrumbs)[] steps = [(false, false), (true, false), (true, true)];
        foreach (var (dropStackTrace, dropBreadcrumbs) in steps)
        {
            int cap = estimate;
            while (true)
            {
                json = Serialize(entry, context, buffer, writer, new(cap, dropStackTrace, dropBreadcrumbs, true));
                if (json.Length <= limit) return null;
                if (cap == 0 || longest <= 0) break;
                cap = Shrink(cap, longest, json.Length - limit);
            }
        }
        json = default;
        return TooLarge(original, limit);
    }

    /// <summary>Like <see cref="Fit"/> for JSON text produced by a before-send hook.</summary>
    public static string? FitJsonText(byte[] raw, PooledBufferWriter buffer, Utf8JsonWriter writer, int limit, out ReadOnlySpan<byte> json)
    {
        json = default;
        JsonObject? payload;
        try
        {
            payload = JsonNode.Parse(raw) as JsonObject;
        }
        catch (JsonException)
        {
            return "entry JSON is not valid JSON";
        }
        if (payload is null) return TooLarge(raw.Length, limit);

        var fields = new List<(JsonObject Owner, string Name, string Text)>();
        AddText(fields, payload, "message");
        AddText(fields, payload, "error_message");
        if (payload["error_chain"] is JsonArray chain)
        {
            foreach (var link in chain)
            {
                if (link is JsonObject linkObject) AddText(fields, linkObject, "message");
            }
        }
        if (payload["attributes"] is not JsonObject attributes)
        {
            attributes = new JsonObject();
            payload["attributes"] = attributes;
        }
        attributes[EntryJsonWriter.TruncatedAttribute] = "true";

        var texts = fields.ConvertAll(f => f.Text);
        int estimate = TextCap(raw.Length - limit + MarkerRoom, texts);
        int longest = Longest(texts);
        string?[] removals = [null, "stack_trace", "breadcrumbs"];
        foreach (var removal in removals)
        {
            if (removal is not null) payload.Remove(removal);
            int cap = estimate;
            while (true)
            {
                foreach (var (owner, name, text) in fields) owner[name] = Cut(text, cap);
                buffer.Clear();
                writer.Reset(buffer);
                payload.WriteTo(writer);
                writer.Flush();
                if (buffer.WrittenCount <= limit)
                {
                    json = buffer.WrittenSpan;
                    return null;
                }
                if (cap == 0 || longest <= 0) break;
                cap = Shrink(cap, longest, buffer.WrittenCount - limit);
            }
        }
        return TooLarge(raw.Length, limit);
    }

    /// <summary>
    /// Estimates the largest length cap (in characters) such that cutting every text to it removes at least
    /// <paramref name="excess"/> bytes of JSON, using each text's average escaped bytes per character;
    /// 0 when even removing everything is not enough. The caller re-checks the real size and shrinks further.
    /// </summary>
    internal static int TextCap(int excess, IReadOnlyList<string> texts)
    {
        var bytesPerChar = new double[texts.Count];
        double total = 0;
        for (int i = 0; i < texts.Count; i++)
        {
            string text = texts[i];
            if (text.Length == 0) continue;
            int escaped = JsonEncodedText.Encode(Utf16Text.Scrub(text)!, EntryJsonWriter.WriterOptions.Encoder).EncodedUtf8Bytes.Length;
            bytesPerChar[i] = (double)escaped / text.Length;
            total += escaped;
        }
        if (total < excess) return 0;

        int low = 0, high = Longest(texts);
        while (low < high)
        {
            int mid = low + ((high - low + 1) / 2);
            if (Removed(texts, bytesPerChar, mid) >= excess) low = mid;
            else high = mid - 1;
        }
        return low;
    }

    private static double Removed(IReadOnlyList<string> texts, double[] bytesPerChar, int cap)
    {
        double removed = 0;
        for (int i = 0; i < texts.Count; i++) removed += bytesPerChar[i] * Math.Max(0, texts[i].Length - cap);
        return removed;
    }

    /// <summary>A smaller cap after a try that was still <paramref name="over"/> bytes too large: every character removed from the longest text removes at least one byte.</summary>
    private static int Shrink(int cap, int longest, int over) => Math.Max(0, Math.Min(cap, longest) - over);

    private static int Longest(IReadOnlyList<string> texts)
    {
        int longest = 0;
        foreach (var text in texts) longest = Math.Max(longest, text.Length);
        return longest;
    }

    private static List<string> LogTexts(LogEntry log)
    {
        var texts = new List<string>();
        if (log.Message is { } message) texts.Add(message);
        if (log.Attributes is { } attributes && attributes.TryGetValue(EntryJsonWriter.MessageTemplateAttribute, out var template) && template is not null) texts.Add(template);
        if (log.Error is not { } error) return texts;
        if (error.Message is { } errorMessage) texts.Add(errorMessage);
        if (error.Chain.Count >= 2)
        {
            for (int i = 0; i < Math.Min(error.Chain.Count, EntryJsonWriter.MaxErrorChain); i++)
            {
                if (error.Chain[i].Message is { } linkMessage) texts.Add(linkMessage);
            }
        }
        return texts;
    }

    private static ReadOnlySpan<byte> Serialize(LogFluxEntry entry, GlobalContext context, PooledBufferWriter buffer, Utf8JsonWriter writer, EntryJsonWriter.Truncation truncation)
    {
        buffer.Clear();
        writer.Reset(buffer);
        EntryJsonWriter.Write(writer, entry, context, truncation);
        writer.Flush();
        return buffer.WrittenSpan;
    }

    private static void AddText(List<(JsonObject, string, string)> texts, JsonObject owner, string name)
    {
        if (owner[name] is JsonValue value && value.TryGetValue(out string? text) && text is not null) texts.Add((owner, name, text));
    }

    private static string Cut(string text, int cap)
    {
        if (text.Length <= cap) return text;
        if (cap > 0 && char.IsHighSurrogate(text[cap - 1])) cap--;
        return text[..cap];
    }

    private static string TooLarge(int size, int limit) => $"entry JSON is {size} bytes, over the {limit}-byte limit even after truncation";
}
