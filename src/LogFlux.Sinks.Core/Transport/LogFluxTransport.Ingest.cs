using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Transport;

/// <summary>The ingest POST: one multipart request per batch and its result.</summary>
internal sealed partial class LogFluxTransport
{
    /// <inheritdoc />
    public async Task<IngestResult> SendAsync(SessionKey session, ReadOnlyMemory<byte> body, string boundary, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Volatile.Read(ref _disposed) != 0) return IngestResult.NotSent("The transport is closed.");
        if (_configurationError is not null) return IngestResult.NotSent(_configurationError);

        using var request = new HttpRequestMessage(HttpMethod.Post, session.BaseUrl + WireNames.IngestPath);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _apiKey);
        var content = new ReadOnlyMemoryContent(body);
        // Added without validation so that the value goes out exactly as written: unquoted boundary, no charset.
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/mixed; boundary=" + boundary);
        request.Content = content;

        CancellationTokenSource timeoutCts;
        try
        {
            timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        }
        catch (ObjectDisposedException)
        {
            return IngestResult.NotSent("The transport is closed.");
        }
        using (timeoutCts)
        {
            timeoutCts.CancelAfter(_options.HttpTimeout);
            HttpResponseMessage response;
            try
            {
                response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutCts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                return new IngestResult(0, null, DescribeFailure(ex), default, NetworkFailure.NeverReachedServer(ex));
            }
            using (response)
            {
                var status = (int)response.StatusCode;
                var rateLimit = IngestResponse.ParseRateLimit(response.Headers);
                var retryAfter = IngestResponse.ParseRetryAfter(response.Headers, _time.GetUtcNow());
                if (status is >= 200 and < 300) return new IngestResult(status, retryAfter, null, rateLimit);
                byte[] errorBody;
                try
                {
                    errorBody = await BoundedBody.ReadPrefixAsync(response.Content, BoundedBody.ErrorBodyLimit, timeoutCts.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception)
                {
                    errorBody = [];
                }
                return new IngestResult(status, retryAfter, IngestResponse.FormatError(status, errorBody, _apiKey), rateLimit);
            }
        }
    }

    private string DescribeFailure(Exception ex)
    {
        if (ex is OperationCanceledException)
        {
            return Volatile.Read(ref _disposed) != 0
                ? "The transport is closed."
                : $"ingest request timed out after {JsonExchange.FormatSeconds(_options.HttpTimeout)}";
        }
        var message = ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message;
        return ErrorText.Clean("ingest request failed: " + message, _apiKey);
    }
}
