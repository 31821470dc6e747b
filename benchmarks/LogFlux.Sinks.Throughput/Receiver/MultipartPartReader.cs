namespace LogFlux.Sinks.Throughput.Receiver;

/// <summary>
/// Walks the parts of a <c>multipart/mixed</c> body (RFC 2046, CRLF delimiters, no preamble) without copying:
/// each step is one vectorised search for the next <c>CRLF--boundary</c>. Part headers and bodies are not
/// looked at, so a delimiter sequence inside a part body would split it (a 128-bit random boundary makes that
/// practically impossible).
/// </summary>
internal ref struct MultipartPartReader
{
    /// <summary>RFC 2046 limit on the boundary length.</summary>
    public const int MaxBoundaryLength = 70;

    private readonly ReadOnlySpan<byte> _body;
    private readonly ReadOnlySpan<byte> _delimiter;
    private int _at;
    private bool _done;

    /// <param name="body">The whole request body.</param>
    /// <param name="delimiter"><c>CRLF "--" boundary</c>, as written by <see cref="WriteDelimiter"/>.</param>
    public MultipartPartReader(ReadOnlySpan<byte> body, ReadOnlySpan<byte> delimiter)
    {
        _body = body;
        _delimiter = delimiter;
        Current = default;
        Malformed = false;
        _done = false;
        var dashBoundary = delimiter[2..];
        if (body.StartsWith(dashBoundary))
        {
            _at = dashBoundary.Length;
        }
        else
        {
            Malformed = true;
            _done = true;
        }
    }

    /// <summary>The current part: its header lines, the empty line and its body (without the CRLF before the next delimiter).</summary>
    public ReadOnlySpan<byte> Current { get; private set; }

    /// <summary>True when the body does not start with the first delimiter, or ends without the closing one.</summary>
    public bool Malformed { get; private set; }

    /// <summary>Moves to the next part; false after the closing delimiter (or on a framing error, see <see cref="Malformed"/>).</summary>
    public bool MoveNext()
    {
        if (_done) return false;
        var rest = _body[_at..];
        // After a delimiter: "--" closes the body, CRLF opens another part.
        if (rest.Length >= 2 && rest[0] == (byte)'-' && rest[1] == (byte)'-') return Finish(malformed: false);
        if (rest.Length < 2 || rest[0] != (byte)'\r' || rest[1] != (byte)'\n') return Finish(malformed: true);
        rest = rest[2..];
        int end = rest.IndexOf(_delimiter);
        if (end < 0) return Finish(malformed: true);
        Current = rest[..end];
        _at += 2 + end + _delimiter.Length;
        return true;
    }

    /// <summary>Writes <c>CRLF "--" boundary</c> into <paramref name="destination"/>; returns its length, or -1 for an invalid boundary.</summary>
    public static int WriteDelimiter(ReadOnlySpan<char> boundary, Span<byte> destination)
    {
        if (boundary.Length is 0 or > MaxBoundaryLength || destination.Length < boundary.Length + 4) return -1;
        destination[0] = (byte)'\r';
        destination[1] = (byte)'\n';
        destination[2] = (byte)'-';
        destination[3] = (byte)'-';
        for (int i = 0; i < boundary.Length; i++)
        {
            char c = boundary[i];
            if (c is < ' ' or > '~') return -1;
            destination[4 + i] = (byte)c;
        }
        return boundary.Length + 4;
    }

    private bool Finish(bool malformed)
    {
        _done = true;
        Malformed = malformed;
        Current = default;
        return false;
    }
}
