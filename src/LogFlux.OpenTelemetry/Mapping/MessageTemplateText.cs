using System.Text;

namespace LogFlux.OpenTelemetry.Mapping;

/// <summary>
/// Fills the holes of an <c>ILogger</c> message template (<c>Order {OrderId} shipped</c>) from the record's
/// attributes, for records without a formatted message: each <c>{Name}</c> (alignment and format ignored) becomes the
/// value's attribute text; a hole without a value stays as written; <c>{{</c> and <c>}}</c> are literal braces.
/// </summary>
internal static class MessageTemplateText
{
    public static string? Render(string? template, IReadOnlyList<KeyValuePair<string, object?>>? values)
    {
        if (template is null) return null;
        if (values is null || template.IndexOf('{') < 0 && template.IndexOf('}') < 0) return template;
        var text = new StringBuilder(template.Length + 32);
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                text.Append(c);
                i++;
                continue;
            }
            var close = c == '{' ? template.IndexOf('}', i + 1) : -1;
            if (close < 0)
            {
                text.Append(c);
                continue;
            }
            var hole = template.AsSpan(i + 1, close - i - 1);
            var end = hole.IndexOfAny(',', ':');
            var name = (end >= 0 ? hole[..end] : hole).Trim().ToString();
            if (TryFind(values, name, out var value)) text.Append(AttributeValueFormatter.Format(value));
            else text.Append(template, i, close - i + 1);
            i = close;
        }
        return text.ToString();
    }

    private static bool TryFind(IReadOnlyList<KeyValuePair<string, object?>> values, string name, out object? value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i].Key == name)
            {
                value = values[i].Value;
                return true;
            }
        }
        value = null;
        return false;
    }
}
