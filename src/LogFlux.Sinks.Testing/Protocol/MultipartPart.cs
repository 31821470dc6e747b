namespace LogFlux.Sinks.Testing.Protocol;

/// <summary>One MIME part as read from the wire: its headers (case-insensitive names) and raw body bytes.</summary>
internal sealed class MultipartPart(int number, IReadOnlyDictionary<string, string> headers, ArraySegment<byte> body)
{
    /// <summary>1-based position in the request.</summary>
    public int Number { get; } = number;

    public IReadOnlyDictionary<string, string> Headers { get; } = headers;

    public ArraySegment<byte> Body { get; } = body;

    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;
}
