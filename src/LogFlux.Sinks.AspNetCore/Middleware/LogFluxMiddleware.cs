using LogFlux.Sinks.Context;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LogFlux.Sinks.AspNetCore.Middleware;

/// <summary>
/// Traces every request that is not excluded: an <c>http.server</c> span (see <see cref="ServerSpanStarter"/>)
/// and a request scope around the rest of the pipeline; an unhandled exception is recorded and rethrown so
/// ASP.NET Core's own handling still runs.
/// </summary>
internal sealed class LogFluxMiddleware
{
    private readonly RequestDelegate _next;
    private readonly LogFluxClientProvider _clients;
    private readonly LogFluxAspNetCoreOptions _options;
    private readonly LogFluxRequestCounters _counters;
    private readonly Sampler _sampler;
    private readonly PathString[] _excluded;
    private readonly ILogger _logger;
    private int _reportedNoClient;
    private int _reportedFailure;

    public LogFluxMiddleware(RequestDelegate next, LogFluxClientProvider clients, LogFluxAspNetCoreOptions options,
        LogFluxRequestCounters counters, ILogger logger)
    {
        _next = next;
        _clients = clients;
        _options = options;
        _counters = counters;
        _logger = logger;
        _sampler = new Sampler(options.SampleRate);
        _excluded = (options.ExcludedPaths ?? [])
            .Where(p => !string.IsNullOrWhiteSpace(p))
            .Select(p => p.Trim().Trim('/'))
            .Select(p => p.Length == 0 ? PathString.Empty : new PathString("/" + p))
            .ToArray();
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (IsExcluded(context.Request))
        {
            _counters.CountExcluded();
            await _next(context).ConfigureAwait(false);
            return;
        }

        var client = _clients.Client;
        if (client is null)
        {
            _counters.CountWithoutClient();
            if (Interlocked.Exchange(ref _reportedNoClient, 1) == 0)
            {
                _logger.LogWarning("LogFlux: no client is configured (set LogFluxAspNetCoreOptions.Client or ClientOptions, or call LogFluxSdk.Init); requests are not traced.");
            }
            await _next(context).ConfigureAwait(false);
            return;
        }

        var trace = RequestTrace.Start(client, context, _sampler, _options, _counters, ReportStartFailure);
        if (trace is null)
        {
            await _next(context).ConfigureAwait(false);
            return;
        }

        try
        {
            await _next(context).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            trace.Fail(ex);
            throw;
        }
        finally
        {
            trace.Complete(context);
        }
    }

    private bool IsExcluded(HttpRequest request)
    {
        var path = request.Path;
        foreach (var prefix in _excluded)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private void ReportStartFailure(Exception exception)
    {
        if (Interlocked.Exchange(ref _reportedFailure, 1) == 0)
        {
            _logger.LogWarning(exception, "LogFlux: tracing a request failed; the request runs untraced.");
        }
    }
}
