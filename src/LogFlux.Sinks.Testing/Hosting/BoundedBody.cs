namespace LogFlux.Sinks.Testing.Hosting;

/// <summary>A request body read up to a bound.</summary>
/// <param name="Bytes">The body, or null when it was larger than the bound.</param>
/// <param name="Length">Bytes received (including discarded ones when too large).</param>
internal sealed record BoundedBody(byte[]? Bytes, long Length)
{
    // An oversized body is still read (and discarded) up to this much, so that the client
    // sees the 413 answer instead of a connection reset in the middle of its upload.
    private const long MaxDrainBytes = 64L * 1024 * 1024;

    public bool TooLarge => Bytes is null;

    public static async Task<BoundedBody> ReadAsync(Stream body, long? declaredLength, long limit, CancellationToken cancellationToken)
    {
        var chunk = new byte[81920];
        if (declaredLength > limit)
        {
            return new BoundedBody(null, await DrainAsync(body, chunk, cancellationToken).ConfigureAwait(false));
        }

        using var buffer = new MemoryStream(declaredLength is > 0 and <= int.MaxValue ? (int)declaredLength.Value : 4096);
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                long drained = await DrainAsync(body, chunk, cancellationToken).ConfigureAwait(false);
                return new BoundedBody(null, buffer.Length + read + drained);
            }

            buffer.Write(chunk, 0, read);
        }

        return new BoundedBody(buffer.ToArray(), buffer.Length);
    }

    private static async Task<long> DrainAsync(Stream body, byte[] chunk, CancellationToken cancellationToken)
    {
        long drained = 0;
        int read;
        while (drained <= MaxDrainBytes && (read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            drained += read;
        }

        return drained;
    }
}
