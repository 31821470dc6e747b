using System.Text;

namespace LogFlux.Sinks.Testing.Protocol;

/// <summary>
/// Strict <c>multipart/mixed</c> reader (RFC 2046 framing as restricted by the LogFlux protocol).
/// </summary>
/// <remarks>
/// Accepted shape, and nothing else:
/// <list type="bullet">
/// <item>the body starts with <c>--boundary CRLF</c> (no preamble, no transport padding after a delimiter);</item>
/// <item>each part has CRLF-terminated <c>Name: value</c> header lines (printable ASCII) ended by an empty line;</item>
/// <item>every later delimiter is <c>CRLF --boundary</c>, followed by CRLF (another part) or by <c>--</c> CRLF (the end);</item>
/// <item>the closing delimiter's CRLF is the last thing in the body (no epilogue);</item>
/// <item>a part body never contains <c>--boundary</c> (which is what a missing CRLF before a delimiter looks like),
/// unless the caller accepts the JavaScript SDK's framing explicitly.</item>
/// </list>
/// </remarks>
internal static class MultipartBodyParser
{
    public const int MaxParts = 10_000;
    public const int MaxHeaderBlockBytes = 8 * 1024;
    public const int MaxHeadersPerPart = 32;

    private static ReadOnlySpan<byte> Crlf => "\r\n"u8;

    /// <summary>The text that names the option accepting the JavaScript SDK's framing (used in rejection reasons).</summary>
    public const string MissingCrlfOptionHint =
        "the official JavaScript SDK frames batches this way; to accept it set LogFluxTestServerOptions.AcceptMissingCrlfBeforeBoundary, or run receive --accept-missing-crlf";

    /// <summary>Parses strictly.</summary>
    public static IReadOnlyList<MultipartPart> Parse(byte[] body, string boundary) => Parse(body, boundary, acceptMissingCrlf: false, out _);

    /// <summary>
    /// Parses; with <paramref name="acceptMissingCrlf"/> a delimiter <c>--boundary</c> directly after a part body
    /// (no CRLF before it, the JavaScript SDK's framing) ends the part instead of refusing the body, and is counted in
    /// <paramref name="missingCrlfDelimiters"/>.
    /// </summary>
    public static IReadOnlyList<MultipartPart> Parse(byte[] body, string boundary, bool acceptMissingCrlf, out int missingCrlfDelimiters)
    {
        missingCrlfDelimiters = 0;
        byte[] dashBoundary = Encoding.ASCII.GetBytes("--" + boundary);
        var span = body.AsSpan();

        if (!span.StartsWith(dashBoundary))
        {
            throw new MultipartFormatException("body must start with \"--<boundary>\" (no preamble allowed)");
        }

        int pos = dashBoundary.Length;
        if (span[pos..].StartsWith("--"u8))
        {
            throw new MultipartFormatException("body contains no parts");
        }

        if (!span[pos..].StartsWith(Crlf))
        {
            throw new MultipartFormatException("the first delimiter line must end with CRLF");
        }

        pos += 2;
        var parts = new List<MultipartPart>();
        for (int number = 1; ; number++)
        {
            if (number > MaxParts)
            {
                throw new MultipartFormatException($"more than {MaxParts} parts");
            }

            var headers = ReadHeaders(body, ref pos, number);

            int next = span[pos..].IndexOf(dashBoundary);
            if (next < 0)
            {
                throw new MultipartFormatException(
                    $"part {number}: no following delimiter \"CRLF--<boundary>\" (truncated body)");
            }

            int length = next;
            if (next >= 2 && span.Slice(pos + next - 2, 2).SequenceEqual(Crlf))
            {
                length = next - 2;
            }
            else if (acceptMissingCrlf)
            {
                missingCrlfDelimiters++;
            }
            else
            {
                throw new MultipartFormatException(
                    $"part {number}: body contains \"--<boundary>\" without a preceding CRLF ({MissingCrlfOptionHint})");
            }

            parts.Add(new MultipartPart(number, headers, new ArraySegment<byte>(body, pos, length)));
            pos += next + dashBoundary.Length;

            var rest = span[pos..];
            if (rest.StartsWith("--"u8))
            {
                rest = rest[2..];
                if (rest.IsEmpty)
                {
                    throw new MultipartFormatException("closing delimiter must be followed by CRLF");
                }

                if (!rest.StartsWith(Crlf))
                {
                    throw new MultipartFormatException("unexpected bytes after the closing delimiter");
                }

                if (rest.Length > 2)
                {
                    throw new MultipartFormatException("data after the closing delimiter (no epilogue allowed)");
                }

                return parts;
            }

            if (!rest.StartsWith(Crlf))
            {
                throw new MultipartFormatException(
                    $"part {number}: delimiter must be followed by CRLF or \"--\" (transport padding is not accepted)");
            }

            pos += 2;
        }
    }

    private static Dictionary<string, string> ReadHeaders(byte[] body, ref int pos, int number)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        int blockStart = pos;
        while (true)
        {
            var window = body.AsSpan(pos, Math.Min(body.Length - pos, MaxHeaderBlockBytes - (pos - blockStart)));
            int end = window.IndexOf(Crlf);
            if (end < 0)
            {
                if (window.IndexOf((byte)'\n') >= 0)
                {
                    throw new MultipartFormatException($"part {number}: header line not terminated by CRLF");
                }

                throw new MultipartFormatException(window.Length == body.Length - pos
                    ? $"part {number}: header block not terminated by an empty line"
                    : $"part {number}: header block larger than {MaxHeaderBlockBytes} bytes");
            }

            var line = window[..end];
            pos += end + 2;
            if (line.IsEmpty)
            {
                return headers;
            }

            if (line.IndexOfAny((byte)'\r', (byte)'\n') >= 0)
            {
                throw new MultipartFormatException($"part {number}: header line not terminated by CRLF");
            }

            var (name, value) = SplitHeader(line, number);
            if (!headers.TryAdd(name, value))
            {
                throw new MultipartFormatException($"part {number}: duplicate header {name}");
            }

            if (headers.Count > MaxHeadersPerPart)
            {
                throw new MultipartFormatException($"part {number}: more than {MaxHeadersPerPart} headers");
            }
        }
    }

    private static (string Name, string Value) SplitHeader(ReadOnlySpan<byte> line, int number)
    {
        int colon = line.IndexOf((byte)':');
        if (colon <= 0)
        {
            throw new MultipartFormatException($"part {number}: malformed header line (expected \"Name: value\")");
        }

        foreach (byte b in line[..colon])
        {
            if (b <= 0x20 || b >= 0x7f || b == (byte)'(' || b == (byte)')' || b == (byte)'"' || b == (byte)'/' || b == (byte)'@')
            {
                throw new MultipartFormatException($"part {number}: invalid character in a header name");
            }
        }

        foreach (byte b in line[(colon + 1)..])
        {
            if ((b < 0x20 && b != (byte)'\t') || b >= 0x7f)
            {
                throw new MultipartFormatException($"part {number}: header value is not printable ASCII");
            }
        }

        string name = Encoding.ASCII.GetString(line[..colon]);
        string value = Encoding.ASCII.GetString(line[(colon + 1)..]).Trim(' ', '\t');
        return (name, value);
    }
}
