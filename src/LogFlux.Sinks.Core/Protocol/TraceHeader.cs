namespace LogFlux.Sinks.Protocol;

/// <summary>A parsed incoming trace context.</summary>
/// <param name="TraceId">32 lowercase hex characters.</param>
/// <param name="ParentSpanId">16 lowercase hex characters: the sender's span, the parent of the receiver's span.</param>
/// <param name="Sampled">False when the sender decided not to record the trace.</param>
internal readonly record struct IncomingTrace(string TraceId, string ParentSpanId, bool Sampled);

/// <summary>
/// The <c>X-LogFlux-Trace</c> header (<c>&lt;trace_id&gt;-&lt;span_id&gt;-&lt;1|0&gt;</c>, docs/protocol.md#trace-propagation) and,
/// for reading only, W3C <c>traceparent</c>. A malformed value is never an error: the caller starts a new trace.
/// </summary>
internal static class TraceHeader
{
    public const int TraceIdLength = 32;
    public const int SpanIdLength = 16;

    /// <summary>
    /// Parses an <c>X-LogFlux-Trace</c> value: surrounding whitespace is trimmed, either hex case is accepted
    /// and normalised to lower case, a missing flag means sampled, any flag other than exactly <c>0</c> means
    /// sampled, and segments after the flag are ignored.
    /// </summary>
    public static bool TryParse(string? headerValue, out IncomingTrace trace)
    {
        trace = default;
        if (headerValue is null) return false;
        var value = headerValue.AsSpan().Trim();
        if (value.IsEmpty) return false;

        int first = value.IndexOf('-');
        if (first < 0) return false;
        var traceId = value[..first];
        var rest = value[(first + 1)..];
        int second = rest.IndexOf('-');
        var spanId = second < 0 ? rest : rest[..second];
        bool sampled = true;
        if (second >= 0)
        {
            var flag = rest[(second + 1)..];
            int third = flag.IndexOf('-');
            if (third >= 0) flag = flag[..third];
            sampled = !flag.SequenceEqual("0");
        }

        if (!IsHex(traceId, TraceIdLength) || !IsHex(spanId, SpanIdLength)) return false;
        trace = new IncomingTrace(ToLowerHex(traceId), ToLowerHex(spanId), sampled);
        return true;
    }

    /// <summary>
    /// Parses a W3C <c>traceparent</c> value (<c>00-&lt;32 hex&gt;-&lt;16 hex&gt;-&lt;2 hex flags&gt;</c>);
    /// sampled is bit 0 of the flags. All-zero ids, version <c>ff</c> and malformed values are invalid.
    /// Later versions are accepted when their first four fields have this shape.
    /// </summary>
    public static bool TryParseTraceParent(string? headerValue, out IncomingTrace trace)
    {
        trace = default;
        if (headerValue is null) return false;
        var value = headerValue.AsSpan().Trim();
        const int length = 2 + 1 + TraceIdLength + 1 + SpanIdLength + 1 + 2;
        if (value.Length < length) return false;
        var version = value[..2];
        if (!IsHex(version, 2) || version.Equals("ff", StringComparison.OrdinalIgnoreCase)) return false;
        bool isV0 = version.SequenceEqual("00");
        if (isV0 ? value.Length != length : value.Length > length && value[length] != '-') return false;
        if (value[2] != '-' || value[35] != '-' || value[52] != '-') return false;

        var traceId = value.Slice(3, TraceIdLength);
        var spanId = value.Slice(36, SpanIdLength);
        var flags = value.Slice(53, 2);
        if (!IsHex(traceId, TraceIdLength) || !IsHex(spanId, SpanIdLength) || !IsHex(flags, 2)) return false;
        if (IsAllZero(traceId) || IsAllZero(spanId)) return false;

        bool sampled = (HexValue(flags[1]) & 1) == 1;
        trace = new IncomingTrace(ToLowerHex(traceId), ToLowerHex(spanId), sampled);
        return true;
    }

    /// <summary>Formats the header value to inject: <c>&lt;trace&gt;-&lt;span&gt;-1</c> or <c>-0</c>.</summary>
    public static string Format(string traceId, string spanId, bool sampled) =>
        string.Concat(traceId, "-", spanId, sampled ? "-1" : "-0");

    /// <summary>True for exactly 32 hexadecimal characters (either case).</summary>
    public static bool IsValidTraceId(string? s) => s is not null && IsHex(s, TraceIdLength);

    /// <summary>True for exactly 16 hexadecimal characters (either case).</summary>
    public static bool IsValidSpanId(string? s) => s is not null && IsHex(s, SpanIdLength);

    private static bool IsHex(ReadOnlySpan<char> s, int length)
    {
        if (s.Length != length) return false;
        foreach (char c in s)
        {
            if (!char.IsAsciiHexDigit(c)) return false;
        }
        return true;
    }

    private static bool IsAllZero(ReadOnlySpan<char> s)
    {
        foreach (char c in s)
        {
            if (c != '0') return false;
        }
        return true;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private static string ToLowerHex(ReadOnlySpan<char> s)
    {
        Span<char> lower = stackalloc char[s.Length];
        for (int i = 0; i < s.Length; i++) lower[i] = char.IsAsciiLetterUpper(s[i]) ? (char)(s[i] | 0x20) : s[i];
        return new string(lower);
    }
}
