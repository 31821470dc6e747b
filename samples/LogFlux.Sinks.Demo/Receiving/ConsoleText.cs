using System.Globalization;
using System.Text;

namespace LogFlux.Sinks.Demo.Receiving;

/// <summary>Makes untrusted text safe for one console line: control characters become visible escapes.</summary>
internal static class ConsoleText
{
    public static string OneLine(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var line = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            line.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return line.ToString();
    }
}
