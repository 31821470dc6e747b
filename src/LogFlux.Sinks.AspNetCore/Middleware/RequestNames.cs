using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LogFlux.Sinks.AspNetCore.Middleware;

/// <summary>Span names and URL attributes of a request.</summary>
internal static class RequestNames
{
    /// <summary>The matched endpoint's route template with a leading <c>/</c>, or null before or without routing.</summary>
    public static string? RouteTemplate(HttpContext context)
    {
        if (context.GetEndpoint() is not RouteEndpoint { RoutePattern.RawText: { Length: > 0 } raw }) return null;
        return raw[0] == '/' ? raw : "/" + raw;
    }

    /// <summary>The path including the path base, e.g. <c>/api/orders/42</c>.</summary>
    public static string Path(HttpRequest request)
    {
        var path = (request.PathBase + request.Path).ToUriComponent();
        return path.Length == 0 ? "/" : path;
    }

    /// <summary><c>{METHOD} {route template or path}</c>.</summary>
    public static string SpanName(HttpContext context) =>
        context.Request.Method + " " + (RouteTemplate(context) ?? Path(context.Request));

    /// <summary><c>scheme://host/path?query</c>, query values masked unless <paramref name="includeQueryValues"/>.</summary>
    public static string Url(HttpRequest request, bool includeQueryValues) =>
        request.Scheme + "://" + request.Host.ToUriComponent() + Path(request) + UrlRedaction.Query(request.QueryString.Value, includeQueryValues);
}
