using System.Buffers;

namespace LogFlux.Sinks.Transport;

/// <summary>Reads a response body with a byte bound, so a hostile or broken server cannot exhaust memory.</summary>
internal static class BoundedBody
{
    /// <summary>Largest discovery, handshake or <c>/info</c> response that is parsed (docs/protocol.md#timeouts-and-response-bounds).</summary>
    public const int JsonResponseLimit = 64 * 1024;

    /// <summary>Largest part of an ingest error body that is read (docs/protocol.md#timeouts-and-response-bounds).</summary>
    public const int ErrorBodyLimit = 1024 * 1024;

    /// <summary>
    /// Reads the whole body, or returns no body and <c>Exceeded</c> = true when it is longer
    /// than <paramref name="limit"/> bytes (a truncated document is never parsed).
    /// </summary>
    public static async Task<(byte[]? Body, bool Exceeded)> ReadAllAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is long declared && declared > limit) return (null, true);
        var (buffer, length, more) = await ReadAsync(content, limit, cancellationToken).ConfigureAwait(false);
        try
        {
            return more ? (null, true) : (buffer.AsSpan(0, length).ToArray(), false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes and ignores the rest (for error texts).</summary>
    public static async Task<byte[]> ReadPrefixAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        var (buffer, length, _) = await ReadAsync(content, limit, cancellationToken).ConfigureAwait(false);
        try
        {
            return buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<(byte[] Buffer, int Length, bool More)> ReadAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        var initial = (int)Math.Clamp(content.Headers.ContentLength ?? 4096, 256, limit + 1L);
        var buffer = ArrayPool<byte>.Shared.Rent(initial);
        var length = 0;
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        if (length > limit) break;
                        var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit + 1L));
                        buffer.AsSpan(0, length).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }
                    var room = (int)Math.Min(buffer.Length - length, limit + 1L - length);
                    if (room <= 0) break;
                    var read = await stream.ReadAsync(buffer.AsMemory(length, room), cancellationToken).ConfigureAwait(false);
                    if (read == 0) break;
                    length += read;
                }
            }
            return length > limit ? (buffer, limit, true) : (buffer, length, false);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}
