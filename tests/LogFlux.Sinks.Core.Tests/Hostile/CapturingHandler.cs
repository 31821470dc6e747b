using System.Net.Http.Headers;

namespace LogFlux.Sinks.Core.Tests.Hostile;

/// <summary>Passes requests through and keeps a copy of the first successful ingest request (headers and body).</summary>
internal sealed class CapturingHandler : DelegatingHandler
{
    private readonly TaskCompletionSource<CapturedRequest> _captured = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CapturingHandler() : base(new SocketsHttpHandler()) { }

    public Task<CapturedRequest> Captured => _captured.Task;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        byte[]? body = null;
        if (request.Method == HttpMethod.Post && request.Content is not null && request.RequestUri!.AbsolutePath.Contains("ingest", StringComparison.OrdinalIgnoreCase))
        {
            body = await request.Content.ReadAsByteArrayAsync(cancellationToken);
            var copy = new ByteArrayContent(body);
            foreach (var header in request.Content.Headers) copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            request.Content = copy;
        }
        var response = await base.SendAsync(request, cancellationToken);
        if (body is not null && response.IsSuccessStatusCode)
        {
            _captured.TrySetResult(new CapturedRequest(request.RequestUri!,
                request.Headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToArray())).ToList(),
                request.Content!.Headers.ContentType!, body));
        }
        return response;
    }
}

/// <summary>An ingest request as the client sent it.</summary>
internal sealed record CapturedRequest(Uri Uri, IReadOnlyList<KeyValuePair<string, string[]>> Headers, MediaTypeHeaderValue ContentType, byte[] Body)
{
    public HttpRequestMessage WithBody(byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Uri) { Content = new ByteArrayContent(body) };
        foreach (var (name, values) in Headers) request.Headers.TryAddWithoutValidation(name, values);
        request.Content.Headers.ContentType = ContentType;
        return request;
    }
}
