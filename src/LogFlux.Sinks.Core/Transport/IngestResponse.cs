using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Transport;

/// <summary>Maps an ingest response to an <see cref="IngestResult"/> (docs/protocol.md#status-codes-and-retries).</summary>
internal static class IngestResponse
{
    /// <summary>The longest single wait a Retry-After may ask for.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(600);

    /// <summary>Parses <c>Retry-After</c> as seconds or an HTTP date relative to <paramref name="now"/>, capped at 600 s.</summary>
    public static TimeSpan? ParseRetryAfter(HttpResponseHeaders headers, DateTimeOffset now)
    {
        TimeSpan? wait = null;
        if (headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta) wait = delta;
            else if (retryAfter.Date is { } date) wait = date - now;
        }
        else if (headers.TryGetValues("Retry-After", out var raw)
                 && double.TryParse(raw.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                 && double.IsFinite(seconds))
        {
            // Fractional seconds are not valid HTTP but some servers send them.
            wait = TimeSpan.FromSeconds(Math.Min(seconds, MaxRetryAfter.TotalSeconds));
        }
        if (wait is not { } value) return null;
        if (value < TimeSpan.Zero) return TimeSpan.Zero;
        return value > MaxRetryAfter ? MaxRetryAfter : value;
    }

    public static RateLimitInfo ParseRateLimit(HttpResponseHeaders headers) => new(
        LongHeader(headers, "X-RateLimit-Limit"),
        LongHeader(headers, "X-RateLimit-Remaining"),
        LongHeader(headers, "X-RateLimit-Reset"));

    /// <summary>
    /// The error text for a non-2xx status: <c>ingest failed [code]: message - details</c> for the service's
    /// error envelope, else <c>ingest failed with status n: body</c>; at most 200 characters, API key masked.
    /// </summary>
    public static string FormatError(int status, ReadOnlyMemory<byte> body, string? apiKey)
    {
        using (var document = JsonBody.TryParse(body))
        {
            if (document is not null && JsonBody.Object(document.RootElement, "error") is { } error)
            {
                var code = JsonBody.NonBlankString(error, "code");
                var message = JsonBody.NonBlankString(error, "message");
                if (code is not null || message is not null)
                {
                    var details = JsonBody.NonBlankString(error, "details");
                    var text = $"ingest failed [{code ?? "unknown"}]: {message}" + (details is null ? string.Empty : " - " + details);
                    return ErrorText.Clean(text, apiKey);
                }
            }
        }
        return ErrorText.Clean($"ingest failed with status {status}: " + ErrorText.FromBody(body.Span, apiKey), apiKey);
    }

    private static long? LongHeader(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values)
        && long.TryParse(values.FirstOrDefault()?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
}
