using System.Text;

namespace LogFlux.Sinks.Core.Tests.Protocol;

/// <summary>A strict reader of the ingest body for tests: checks the delimiter layout and splits headers from bodies.</summary>
internal static class TestMultipartReader
{
    public sealed record Part(List<string> HeaderLines, byte[] Body)
    {
        public string? Header(string name)
        {
            string prefix = name + ": ";
            var line = HeaderLines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
            return line?[prefix.Length..];
        }
    }

    public static List<Part> Read(ReadOnlySpan<byte> body, string boundary)
    {
        byte[] first = Encoding.ASCII.GetBytes("--" + boundary + "\r\n");
        byte[] next = Encoding.ASCII.GetBytes("\r\n--" + boundary);
        byte[] closing = Encoding.ASCII.GetBytes("--" + boundary + "--\r\n");
        var parts = new List<Part>();

        if (body.SequenceEqual(closing)) return parts;
        if (!body.StartsWith(first)) throw new FormatException("Body does not start with the first delimiter.");
        int at = first.Length;
        while (true)
        {
            int end = body[at..].IndexOf(next);
            if (end < 0) throw new FormatException("Missing delimiter after a part.");
            parts.Add(ParsePart(body.Slice(at, end)));
            at += end + next.Length;
            var rest = body[at..];
            if (rest.SequenceEqual("--\r\n"u8)) return parts;
            if (!rest.StartsWith("\r\n"u8)) throw new FormatException("Delimiter not followed by CRLF.");
            at += 2;
        }
    }

    private static Part ParsePart(ReadOnlySpan<byte> part)
    {
        int split = part.IndexOf("\r\n\r\n"u8);
        if (split < 0) throw new FormatException("Part without a header block.");
        var headers = Encoding.ASCII.GetString(part[..split]).Split("\r\n").ToList();
        return new Part(headers, part[(split + 4)..].ToArray());
    }
}
