namespace LogFlux.Sinks.Transport;

/// <summary>The bounded result of a discovery or handshake request.</summary>
/// <param name="StatusCode">HTTP status.</param>
/// <param name="Body">The body (2xx: complete, or null when too large; otherwise its first bytes).</param>
/// <param name="TooLarge">True when a 2xx body exceeded the bound.</param>
internal readonly record struct BoundedResponse(int StatusCode, byte[]? Body, bool TooLarge)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}

/// <summary>
/// Sends one small JSON request and reads the response within one timeout (headers and body) and a byte bound.
/// A timeout surfaces as <see cref="TimeoutException"/>; the caller's cancellation as <see cref="OperationCanceledException"/>.
/// </summary>
internal static class JsonExchange
{
    public static async Task<BoundedResponse> SendAsync(HttpClient client, HttpRequestMessage request, TimeSpan timeout, int limit, CancellationToken cancellationToken)
    {
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutCts.CancelAfter(timeout);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutCts.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
            {
                var (body, exceeded) = await BoundedBody.ReadAllAsync(response.Content, limit, timeoutCts.Token).ConfigureAwait(false);
                return new BoundedResponse(status, body, exceeded);
            }
            var prefix = await BoundedBody.ReadPrefixAsync(response.Content, ErrorText.MaxLength * 4, timeoutCts.Token).ConfigureAwait(false);
            return new BoundedResponse(status, prefix, false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no complete response within {FormatSeconds(timeout)}");
        }
    }

    public static string FormatSeconds(TimeSpan timeout) =>
        timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s";
}
