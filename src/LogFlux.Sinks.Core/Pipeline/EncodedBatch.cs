using System.Buffers;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Pipeline;

/// <summary>
/// One encoded ingest body and what went into it. The body lives in a pooled buffer: dispose the batch
/// once the request has been sent (and is not going to be retried with the same bytes).
/// </summary>
internal sealed class EncodedBatch : IEncodedBatch
{
    private byte[]? _buffer;

    internal EncodedBatch(byte[] buffer, int length, string boundary, List<PendingEntry> included,
        List<(PendingEntry Entry, string Reason)> rejected, List<PendingEntry> overflow)
    {
        _buffer = buffer;
        Body = buffer.AsMemory(0, length);
        Boundary = boundary;
        Included = included;
        Rejected = rejected;
        Overflow = overflow;
    }

    /// <summary>The complete <c>multipart/mixed</c> body; empty after <see cref="Dispose"/>.</summary>
    public ReadOnlyMemory<byte> Body { get; private set; }

    /// <summary>The boundary of <see cref="Body"/>.</summary>
    public string Boundary { get; }

    /// <summary>The request <c>Content-Type</c>: <c>multipart/mixed; boundary=…</c>.</summary>
    public string ContentType => MultipartWriter.ContentType(Boundary);

    /// <summary>The entries in the body, in body order.</summary>
    public IReadOnlyList<PendingEntry> Included { get; }

    /// <summary>Entries that could not be encoded (invalid, too large even after truncation); not in the body.</summary>
    public IReadOnlyList<(PendingEntry Entry, string Reason)> Rejected { get; }

    /// <summary>
    /// Entries left out only because the body reached the server's <c>max_request_size</c>; they are valid
    /// and belong in a later request (they keep their order).
    /// </summary>
    public IReadOnlyList<PendingEntry> Overflow { get; }

    /// <summary>True when the body holds no part (nothing to send).</summary>
    public bool IsEmpty => Included.Count == 0;

    /// <summary>Returns the body buffer to the pool.</summary>
    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is null) return;
        Body = ReadOnlyMemory<byte>.Empty;
        ArrayPool<byte>.Shared.Return(buffer);
    }
}
