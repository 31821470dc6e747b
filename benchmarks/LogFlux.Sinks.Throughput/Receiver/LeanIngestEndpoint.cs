using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace LogFlux.Sinks.Throughput.Receiver;

/// <summary>
/// <c>POST /v1/ingest</c> of the lean receiver: checks the bearer header and the multipart content type, reads
/// the body into one pooled buffer, counts the parts with <see cref="MultipartPartReader"/> (no per-part work),
/// fully verifies the parts <see cref="PartSampler"/> picks, records the wire size and the events, and answers
/// 200 with an empty body. Broken framing is refused with 400 and counted as a failure.
/// </summary>
internal sealed class LeanIngestEndpoint
{
    private const int MaxBodyBytes = 64 * 1024 * 1024;
    private const int DefaultBufferBytes = 64 * 1024;

    private readonly ArrivalCounter _counter;
    private readonly PartSampler _sampler;
    private readonly HandshakeKeys _keys;

    public LeanIngestEndpoint(ArrivalCounter counter, PartSampler sampler, HandshakeKeys keys)
    {
        _counter = counter;
        _sampler = sampler;
        _keys = keys;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (!BearerHeader.IsPresent(request))
        {
            await ReceiverResponses.ErrorAsync(context, 401, "missing or malformed Authorization: Bearer header").ConfigureAwait(false);
            return;
        }

        var (buffer, length) = await ReadBodyAsync(request, context.RequestAborted).ConfigureAwait(false);
        if (buffer is null)
        {
            await ReceiverResponses.ErrorAsync(context, 413, $"request body exceeds {MaxBodyBytes} bytes").ConfigureAwait(false);
            return;
        }

        int status;
        string? problem;
        try
        {
            _counter.RecordRequest(WireSize.Of(request, length));
            status = Process(buffer.AsSpan(0, length), request.ContentType, out problem);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (problem is not null)
        {
            await ReceiverResponses.ErrorAsync(context, status, problem).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentLength = 0;
    }

    private int Process(ReadOnlySpan<byte> body, string? contentType, out string? problem)
    {
        Span<byte> delimiter = stackalloc byte[MultipartPartReader.MaxBoundaryLength + 4];
        int delimiterLength = MultipartPartReader.WriteDelimiter(BoundaryOf(contentType), delimiter);
        if (delimiterLength < 0) return Refuse("Content-Type must be multipart/mixed with a boundary parameter (1-70 characters)", out problem);
        delimiter = delimiter[..delimiterLength];

        var reader = new MultipartPartReader(body, delimiter);
        int parts = 0;
        while (reader.MoveNext()) parts++;
        if (reader.Malformed) return Refuse("multipart body does not start with the boundary or lacks the closing delimiter", out problem);
        if (parts == 0) return Refuse("multipart body has no parts", out problem);

        int sample = _sampler.Claim(parts);
        if (sample >= 0) VerifySamples(body, delimiter, sample, parts);
        // After verification, so that a run's verification tally is complete once its events are seen.
        _counter.RecordEvents(parts);
        problem = null;
        return 200;
    }

    private void VerifySamples(ReadOnlySpan<byte> body, ReadOnlySpan<byte> delimiter, int first, int parts)
    {
        var reader = new MultipartPartReader(body, delimiter);
        int next = first;
        for (int index = 0; next < parts && reader.MoveNext(); index++)
        {
            if (index != next) continue;
            _sampler.RecordVerified(SampledPartVerifier.Verify(reader.Current, _keys));
            next += PartSampler.Interval;
        }
    }

    private int Refuse(string reason, out string? problem)
    {
        _sampler.RecordMalformedRequest(reason);
        problem = reason;
        return 400;
    }

    /// <summary>The <c>boundary</c> parameter of a <c>multipart/mixed</c> content type; empty when there is none.</summary>
    private static ReadOnlySpan<char> BoundaryOf(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase)) return default;
        int at = contentType.IndexOf("boundary=", StringComparison.OrdinalIgnoreCase);
        if (at < 0) return default;
        var value = contentType.AsSpan(at + "boundary=".Length);
        int end = value.IndexOf(';');
        if (end >= 0) value = value[..end];
        value = value.Trim();
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"') value = value[1..^1];
        return value;
    }

    /// <summary>The whole body in a pooled buffer (the caller returns it); a null buffer when it is larger than the bound.</summary>
    private static async Task<(byte[]? Buffer, int Length)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        long? declared = request.ContentLength;
        if (declared > MaxBodyBytes) return (null, 0);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(declared is > 0 ? (int)declared.Value : DefaultBufferBytes);
        int length = 0;
        try
        {
            while (declared is null || length < declared)
            {
                if (length == buffer.Length)
                {
                    if (length >= MaxBodyBytes)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        return (null, 0);
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(MaxBodyBytes, length * 2));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                length += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        return (buffer, length);
    }
}
