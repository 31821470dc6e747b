using System.Globalization;
using System.Net.Http.Headers;

namespace LogFlux.Sinks.AspNetCore;

/// <summary>
/// An HTTP message handler that records every outgoing request as an <c>http.client</c> span (a child of the
/// current span, e.g. the request's <c>http.server</c> span) named <c>{METHOD} {host}{path}</c>, with
/// <c>http.method</c>, <c>http.url</c> (query values masked) and <c>http.status_code</c>; an exception or a
/// 5xx response marks it as an error. The request carries <c>X-LogFlux-Trace</c> and <c>traceparent</c> so the
/// called service continues the trace under this span, and an <c>http</c> breadcrumb is added to the client.
/// Usable by hand: <c>new HttpClient(new LogFluxPropagationHandler(client) { InnerHandler = new SocketsHttpHandler() })</c>,
/// or with <c>IHttpClientFactory</c> through <c>AddLogFluxPropagation()</c>.
/// </summary>
public sealed class LogFluxPropagationHandler : DelegatingHandler
{
    private const string Operation = "http.client";

    private readonly Func<LogFluxClient?> _client;

    /// <summary>Uses <paramref name="client"/> for the spans.</summary>
    /// <param name="client">The client.</param>
    public LogFluxPropagationHandler(LogFluxClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = () => client;
    }

    /// <summary>Uses the client of <c>LogFluxSdk.Init</c>, looked up on every request. Without one, only the current trace context (if any) is propagated.</summary>
    public LogFluxPropagationHandler()
        : this(static () => LogFluxSdk.Client)
    {
    }

    internal LogFluxPropagationHandler(Func<LogFluxClient?> client)
    {
        _client = client;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = OutgoingCall.Start(_client(), request);
        if (call is null) return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            call.Complete(response);
            return response;
        }
        catch (Exception ex)
        {
            call.Fail(ex);
            throw;
        }
    }

    /// <inheritdoc />
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = OutgoingCall.Start(_client(), request);
        if (call is null) return base.Send(request, cancellationToken);
        try
        {
            var response = base.Send(request, cancellationToken);
            call.Complete(response);
            return response;
        }
        catch (Exception ex)
        {
            call.Fail(ex);
            throw;
        }
    }

    /// <summary>One outgoing request: its span and breadcrumb. No member throws.</summary>
    private sealed class OutgoingCall
    {
        private readonly LogFluxClient _client;
        private readonly LogFluxSpan _span;
        private readonly string _description;

        private OutgoingCall(LogFluxClient client, LogFluxSpan span, string description)
        {
            _client = client;
            _span = span;
            _description = description;
        }

        public static OutgoingCall? Start(LogFluxClient? client, HttpRequestMessage request)
        {
            try
            {
                if (client is null || request.RequestUri is not { IsAbsoluteUri: true } uri)
                {
                    if (LogFluxTraceContext.CurrentTraceHeader is { } current) Replace(request.Headers, TraceHeaderNames.LogFlux, current);
                    return null;
                }
                var method = request.Method.Method;
                var url = UrlRedaction.Of(uri, includeQueryValues: false);
                var span = client.StartSpan(Operation, method + " " + uri.Authority + uri.AbsolutePath);
                span.SetAttribute("http.method", method);
                span.SetAttribute("http.url", url);
                Replace(request.Headers, TraceHeaderNames.LogFlux, span.TraceHeader);
                Replace(request.Headers, TraceHeaderNames.TraceParent, TraceHeaderNames.TraceParentOf(span));
                return new OutgoingCall(client, span, method + " " + url);
            }
            catch (Exception)
            {
                return null;
            }
        }

        public void Complete(HttpResponseMessage response)
        {
            try
            {
                var status = (int)response.StatusCode;
                var text = status.ToString(CultureInfo.InvariantCulture);
                _span.SetAttribute("http.status_code", text);
                if (status >= 500) _span.SetStatus("error");
                _span.End();
                _client.AddBreadcrumb("http", _description, new Dictionary<string, string>(StringComparer.Ordinal) { ["status_code"] = text },
                    status >= 500 ? "error" : status >= 400 ? "warning" : "info");
            }
            catch (Exception)
            {
                // Recording a call never breaks it.
            }
        }

        public void Fail(Exception exception)
        {
            try
            {
                _span.SetError(exception);
                _span.End();
                _client.AddBreadcrumb("http", _description, new Dictionary<string, string>(StringComparer.Ordinal) { ["error"] = exception.GetType().FullName ?? "Exception" },
                    "error");
            }
            catch (Exception)
            {
                // Recording a call never replaces its exception.
            }
        }

        private static void Replace(HttpRequestHeaders headers, string name, string value)
        {
            headers.Remove(name);
            headers.TryAddWithoutValidation(name, value);
        }
    }
}
