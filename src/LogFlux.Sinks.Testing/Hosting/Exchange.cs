using System.Net.Http.Headers;
using LogFlux.Sinks.Protocol;
using LogFlux.Sinks.Testing.Endpoints;
using LogFlux.Sinks.Testing.Protocol;
using Microsoft.AspNetCore.Http;

namespace LogFlux.Sinks.Testing.Hosting;

/// <summary>One request in flight: reads it, runs the endpoint, records the outcome and answers.</summary>
internal sealed class Exchange
{
    private readonly DateTimeOffset _receivedAt = DateTimeOffset.UtcNow;
    private BoundedBody? _body;
    private int _recorded;

    public Exchange(HttpContext http, ReceiverState state, FaultEndpoint? endpoint, Fault? fault)
    {
        Http = http;
        State = state;
        Endpoint = endpoint;
        Fault = fault;
        Number = state.NextRequestNumber();
    }

    public HttpContext Http { get; }

    public ReceiverState State { get; }

    public FaultEndpoint? Endpoint { get; }

    public Fault? Fault { get; }

    public int Number { get; }

    /// <summary>Cancelled when the client goes away or the server stops.</summary>
    public CancellationToken Lifetime { get; private set; }

    public async Task RunAsync()
    {
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(Http.RequestAborted, State.Stopping);
        Lifetime = lifetime.Token;
        try
        {
            if (Fault is null)
            {
                await RespondAsync(Record(await ProcessAsync().ConfigureAwait(false), aborted: false)).ConfigureAwait(false);
            }
            else
            {
                await Fault.HandleAsync(this).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (Lifetime.IsCancellationRequested)
        {
            RecordFault(0, "request cancelled (client disconnected or server stopped)", aborted: true);
            Http.Abort();
        }
        catch (IOException)
        {
            RecordFault(0, "connection failed while reading or writing", aborted: true);
            Http.Abort();
        }
        catch (Exception ex) when (!Http.Response.HasStarted)
        {
            // A receiver bug must show up as a visible 500 in Requests, not as a silent hang.
            var outcome = Reject(500, "receiver error: " + ex.GetType().Name + ": " + ex.Message);
            RecordFault(500, outcome.RejectionReason, aborted: false);
            Http.Response.StatusCode = 500;
            await Http.Response.Body.WriteAsync(outcome.Body, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the body up to the endpoint's bound (once; later calls return the same result).</summary>
    public async Task<BoundedBody> ReadBodyAsync()
    {
        if (_body is null)
        {
            long limit = Endpoint == FaultEndpoint.Ingest ? State.MaxRequestBytes : ReceiverState.MaxHandshakeBytes;
            _body = await BoundedBody.ReadAsync(Http.Request.Body, Http.Request.ContentLength, limit, Lifetime).ConfigureAwait(false);
        }

        return _body;
    }

    /// <summary>Runs the endpoint normally (this is where an ingest request's entries are decoded).</summary>
    public async Task<EndpointOutcome> ProcessAsync()
    {
        string path = Http.Request.Path.Value ?? string.Empty;
        bool isPost = HttpMethods.IsPost(Http.Request.Method);
        bool isGet = HttpMethods.IsGet(Http.Request.Method);
        return path switch
        {
            WireNames.IngestPath when isPost => await IngestEndpoint.HandleAsync(this).ConfigureAwait(false),
            WireNames.HandshakeInitPath when isPost => await HandshakeInitEndpoint.HandleAsync(this).ConfigureAwait(false),
            WireNames.HandshakeCompletePath when isPost => await HandshakeCompleteEndpoint.HandleAsync(this).ConfigureAwait(false),
            WireNames.HealthPath when isGet => ServiceEndpoints.Health(),
            WireNames.InfoPath when isGet => ServiceEndpoints.Info(State),
            WireNames.IngestPath or WireNames.HandshakeInitPath or WireNames.HandshakeCompletePath or WireNames.HealthPath or WireNames.InfoPath
                => Reject(405, $"method {Http.Request.Method} not allowed on {path}"),
            _ => Reject(404, $"no endpoint at {path}"),
        };
    }

    /// <summary>A refusal with the error envelope.</summary>
    public EndpointOutcome Reject(int statusCode, string reason, int partCount = 0, IReadOnlyList<string>? partErrors = null) => new()
    {
        StatusCode = statusCode,
        Body = JsonBodies.Error(JsonBodies.CodeFor(statusCode), reason, Number),
        RejectionReason = reason,
        PartCount = partCount,
        PartErrors = partErrors ?? [],
    };

    /// <summary>Stores the outcome's entries and the request record (once per request), then runs the entry callback.</summary>
    public EndpointOutcome Record(EndpointOutcome outcome, bool aborted)
    {
        if (Interlocked.Exchange(ref _recorded, 1) != 0)
        {
            return outcome;
        }

        var record = CreateRecord(outcome.StatusCode, outcome.RejectionReason, outcome.PartErrors, outcome.PartCount, outcome.Entries.Count, aborted, outcome.Warnings);
        State.Store.Add(outcome.Entries, record);
        State.Feed?.Publish(outcome.Entries, record);
        NotifyRequest(record);
        if (State.Options.OnEntry is { } onEntry)
        {
            foreach (var entry in outcome.Entries)
            {
                try
                {
                    onEntry(entry);
                }
                catch (Exception)
                {
                    // A faulty observer must not turn an accepted request into a failure.
                }
            }
        }

        return outcome;
    }

    /// <summary>Records a request that a fault handled without running the endpoint.</summary>
    public void RecordFault(int statusCode, string? reason, bool aborted, int partCount = 0)
    {
        if (Interlocked.Exchange(ref _recorded, 1) == 0)
        {
            var record = CreateRecord(statusCode, reason, [], partCount, 0, aborted, []);
            State.Store.Add([], record);
            State.Feed?.Publish([], record);
            NotifyRequest(record);
        }
    }

    private void NotifyRequest(ReceivedRequest record)
    {
        try
        {
            State.Options.OnRequest?.Invoke(record);
        }
        catch (Exception)
        {
            // A faulty observer must not change the answer.
        }
    }

    public async Task RespondAsync(EndpointOutcome outcome)
    {
        var response = Http.Response;
        response.StatusCode = outcome.StatusCode;
        response.ContentType = outcome.ContentType;
        foreach (var (name, value) in outcome.Headers)
        {
            response.Headers[name] = value;
        }

        response.ContentLength = outcome.Body.Length;
        await response.Body.WriteAsync(outcome.Body, Lifetime).ConfigureAwait(false);
    }

    /// <summary>Best-effort look at an ingest body: its part count and the key ids it uses (no decryption).</summary>
    public (int PartCount, IReadOnlyList<string> KeyIds) InspectIngestBody()
    {
        if (Endpoint != FaultEndpoint.Ingest || _body?.Bytes is null || TryGetBoundary(Http.Request.ContentType) is not { } boundary)
        {
            return (0, []);
        }

        try
        {
            var parts = MultipartBodyParser.Parse(_body.Bytes, boundary);
            var keyIds = parts.Select(p => p.Header(WireNames.KeyIdHeader)).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
            return (parts.Count, keyIds);
        }
        catch (MultipartFormatException)
        {
            return (0, []);
        }
    }

    /// <summary>The boundary of a <c>multipart/mixed</c> Content-Type, or null when it is something else.</summary>
    public static string? TryGetBoundary(string? contentType)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            || !string.Equals(mediaType.MediaType, "multipart/mixed", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string? boundary = mediaType.Parameters.FirstOrDefault(p => string.Equals(p.Name, "boundary", StringComparison.OrdinalIgnoreCase))?.Value;
        if (boundary is { Length: >= 2 } && boundary[0] == '"' && boundary[^1] == '"')
        {
            boundary = boundary[1..^1];
        }

        return string.IsNullOrEmpty(boundary) || boundary.Length > 70 ? null : boundary;
    }

    private ReceivedRequest CreateRecord(int statusCode, string? reason, IReadOnlyList<string> partErrors, int partCount, int accepted, bool aborted, IReadOnlyList<string> warnings)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in Http.Request.Headers)
        {
            headers[name] = string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase) ? "[redacted]" : values.ToString();
        }

        return new ReceivedRequest(
            Number,
            Http.Request.Method,
            Http.Request.Path.Value ?? string.Empty,
            statusCode,
            reason,
            partErrors,
            partCount,
            accepted,
            _body?.Length ?? 0,
            headers,
            Fault?.Description,
            aborted,
            _receivedAt,
            warnings);
    }
}
