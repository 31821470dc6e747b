using System.Globalization;
using LogFlux.Sinks.Context;
using Microsoft.AspNetCore.Http;

namespace LogFlux.Sinks.AspNetCore.Middleware;

/// <summary>
/// The LogFlux side of one request: its <c>http.server</c> span and its scope (<c>request_id</c>,
/// <c>http.method</c>, <c>http.path</c>). Entries sent during the request get the scope's attributes and the
/// trace and span id of the innermost current span. No member throws.
/// </summary>
internal sealed class RequestTrace
{
    private readonly LogFluxClient _client;
    private readonly LogFluxSpan _span;
    private readonly LogFluxScope _scope;
    private readonly LogFluxAspNetCoreOptions _options;
    private readonly LogFluxRequestCounters _counters;
    private readonly string _url;
    private bool _failed;

    private RequestTrace(LogFluxClient client, LogFluxSpan span, LogFluxScope scope, string url, LogFluxAspNetCoreOptions options,
        LogFluxRequestCounters counters)
    {
        _client = client;
        _url = url;
        _span = span;
        _scope = scope;
        _options = options;
        _counters = counters;
    }

    public LogFluxSpan Span => _span;

    /// <summary>Starts the span and the scope; null (and a diagnostic) if that fails, so the request runs untraced.</summary>
    public static RequestTrace? Start(LogFluxClient client, HttpContext context, Sampler sampler,
        LogFluxAspNetCoreOptions options, LogFluxRequestCounters counters, Action<Exception> onFailure)
    {
        LogFluxSpan? span = null;
        try
        {
            var request = context.Request;
            span = ServerSpanStarter.Start(client, request.Headers, RequestNames.SpanName(context), sampler, counters);
            span.SetAttribute("http.method", request.Method);
            var url = RequestNames.Url(request, options.IncludeQueryStringValues);
            span.SetAttribute("http.url", url);
            var scope = client.BeginScope();
            scope.SetRequest(request.Method, RequestNames.Path(request), context.TraceIdentifier);
            counters.CountTraced();
            return new RequestTrace(client, span, scope, url, options, counters);
        }
        catch (Exception ex)
        {
            span?.End();
            onFailure(ex);
            return null;
        }
    }

    /// <summary>Records an unhandled exception of the request: span status error and, if enabled, an error capture.</summary>
    public void Fail(Exception exception)
    {
        _failed = true;
        try
        {
            _span.SetError(exception);
            if (!_options.RecordExceptions) return;
            _client.CaptureError(exception, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["http.url"] = _url,
                ["http.status_code"] = "500",
            });
            _counters.CountCapturedError();
        }
        catch (Exception)
        {
            // Recording a failure must never replace the application's exception.
        }
    }

    /// <summary>Names the span after the route, records the status code, sends the span and ends the scope.</summary>
    public void Complete(HttpContext context)
    {
        try
        {
            var response = context.Response;
            var status = _failed && !response.HasStarted ? StatusCodes.Status500InternalServerError : response.StatusCode;
            _span.SetName(RequestNames.SpanName(context));
            if (RequestNames.RouteTemplate(context) is { } route) _span.SetAttribute("http.route", route);
            _span.SetAttribute("http.status_code", status.ToString(CultureInfo.InvariantCulture));
            if (status >= 500) _span.SetStatus("error");
            _span.End();
        }
        catch (Exception)
        {
            // Never let tracing break the response.
        }
        finally
        {
            _scope.Dispose();
        }
    }
}
