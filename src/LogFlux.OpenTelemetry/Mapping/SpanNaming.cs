using System.Diagnostics;

namespace LogFlux.OpenTelemetry.Mapping;

/// <summary>
/// The <c>operation</c> and <c>name</c> of a LogFlux span, from an activity and its semantic-convention tags:
/// <list type="bullet">
/// <item>an HTTP server span (kind Server with <c>http.request.method</c>) → <c>http.server</c>, named by its display
/// name (ASP.NET Core: <c>GET /orders/{id}</c>);</item>
/// <item>an HTTP client span (kind Client with <c>http.request.method</c>) → <c>http.client</c>; a display name that is
/// only the method becomes <c>{method} {host:port}{path}</c> from <c>url.full</c>, as LogFlux's own client spans are named;</item>
/// <item>a database span (<c>db.system.name</c> or <c>db.system</c>) → <c>db.query</c>;</item>
/// <item>an RPC span (<c>rpc.system</c>) → <c>rpc.server</c> or <c>rpc.client</c>;</item>
/// <item>a messaging span (<c>messaging.system</c>) → <c>messaging.publish</c> (Producer) or <c>messaging.process</c>;</item>
/// <item>anything else → the activity kind in lower case (<c>internal</c>, <c>server</c>, <c>client</c>, <c>producer</c>,
/// <c>consumer</c>).</item>
/// </list>
/// The name is the activity's display name unless said otherwise (its operation name when the display name is empty).
/// </summary>
internal static class SpanNaming
{
    public static (string Operation, string Name) Of(Activity activity)
    {
        var name = string.IsNullOrEmpty(activity.DisplayName) ? activity.OperationName ?? string.Empty : activity.DisplayName;
        var method = Tag(activity, "http.request.method") ?? Tag(activity, "http.method");
        switch (activity.Kind)
        {
            case ActivityKind.Server when method is not null:
                return ("http.server", name);
            case ActivityKind.Client when method is not null:
                return ("http.client", ClientName(activity, method, name));
        }
        if (Tag(activity, "db.system.name") is not null || Tag(activity, "db.system") is not null) return ("db.query", name);
        if (Tag(activity, "rpc.system") is not null) return (activity.Kind == ActivityKind.Server ? "rpc.server" : "rpc.client", name);
        if (Tag(activity, "messaging.system") is not null) return (activity.Kind == ActivityKind.Producer ? "messaging.publish" : "messaging.process", name);
        return (KindName(activity.Kind), name);
    }

    public static string KindName(ActivityKind kind) => kind switch
    {
        ActivityKind.Server => "server",
        ActivityKind.Client => "client",
        ActivityKind.Producer => "producer",
        ActivityKind.Consumer => "consumer",
        _ => "internal",
    };

    private static string ClientName(Activity activity, string method, string displayName)
    {
        if (!string.Equals(displayName, method, StringComparison.OrdinalIgnoreCase) && !string.Equals(displayName, "HTTP " + method, StringComparison.OrdinalIgnoreCase))
        {
            return displayName;
        }
        if (Tag(activity, "url.full") is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return method + " " + uri.Authority + uri.AbsolutePath;
        }
        return Tag(activity, "server.address") is { } host ? method + " " + host : displayName;
    }

    private static string? Tag(Activity activity, string name) => activity.GetTagItem(name) switch
    {
        null => null,
        string text => text.Length == 0 ? null : text,
        var other => other.ToString(),
    };
}
