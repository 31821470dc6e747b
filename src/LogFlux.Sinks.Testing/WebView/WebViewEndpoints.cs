using System.Security.Cryptography;
using System.Text;
using LogFlux.Sinks.Testing.Hosting;
using Microsoft.AspNetCore.Http;

namespace LogFlux.Sinks.Testing.WebView;

/// <summary>
/// The web view's routes under <c>/ui/</c>: the page and its embedded assets, the live stream (server-sent events)
/// and the NDJSON export. The page and the data require the access token (query parameter <c>t</c>).
/// </summary>
internal static class WebViewEndpoints
{
    public const string Prefix = "/ui";
    public const string TokenParameter = "t";

    public static bool Handles(string? path) =>
        path is not null && (path == Prefix || path.StartsWith(Prefix + "/", StringComparison.Ordinal));

    public static async Task HandleAsync(HttpContext http, ReceiverState state, WebViewFeed feed, string token)
    {
        var response = http.Response;
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Content-Type-Options"] = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers["Content-Security-Policy"] = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";

        if (!HttpMethods.IsGet(http.Request.Method))
        {
            await WriteTextAsync(response, 405, "The web view is read-only (GET only).").ConfigureAwait(false);
            return;
        }

        string path = http.Request.Path.Value!;
        if (WebViewAssets.TryGet(path[Prefix.Length..], out var asset))
        {
            response.ContentType = asset.ContentType;
            await response.Body.WriteAsync(asset.Content, http.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (!HasToken(http.Request, token))
        {
            await WriteTextAsync(response, 401, "The web view needs its access token: open the URL the receiver printed at start (it ends with ?t=...).").ConfigureAwait(false);
            return;
        }

        switch (path)
        {
            case Prefix:
            case Prefix + "/":
                var page = WebViewAssets.Page;
                response.ContentType = page.ContentType;
                await response.Body.WriteAsync(page.Content, http.RequestAborted).ConfigureAwait(false);
                break;
            case Prefix + "/api/stream":
                await StreamAsync(http, state, feed).ConfigureAwait(false);
                break;
            case Prefix + "/api/export":
                await ExportAsync(http, feed).ConfigureAwait(false);
                break;
            default:
                await WriteTextAsync(response, 404, "No web view resource at " + path).ConfigureAwait(false);
                break;
        }
    }

    private static async Task StreamAsync(HttpContext http, ReceiverState state, WebViewFeed feed)
    {
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, state.Stopping);
        var response = http.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        var (snapshot, live, unsubscribe) = feed.Subscribe();
        try
        {
            await WriteEventAsync(response, "hello", $"{{\"capacity\":{feed.Capacity}}}", lifetime.Token).ConfigureAwait(false);
            foreach (var item in snapshot)
            {
                await WriteEventAsync(response, "item", item.Json, lifetime.Token).ConfigureAwait(false);
            }

            await response.Body.FlushAsync(lifetime.Token).ConfigureAwait(false);
            while (await live.WaitToReadAsync(lifetime.Token).ConfigureAwait(false))
            {
                while (live.TryRead(out var item))
                {
                    await WriteEventAsync(response, "item", item.Json, lifetime.Token).ConfigureAwait(false);
                }

                await response.Body.FlushAsync(lifetime.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            // The browser went away or the receiver stops: the stream simply ends.
        }
        catch (IOException)
        {
            // The connection broke while writing.
        }
        finally
        {
            unsubscribe();
        }
    }

    private static async Task ExportAsync(HttpContext http, WebViewFeed feed)
    {
        var response = http.Response;
        response.ContentType = "application/x-ndjson; charset=utf-8";
        response.Headers.ContentDisposition = "attachment; filename=\"logflux-entries.ndjson\"";
        var text = new StringBuilder();
        foreach (var entry in feed.Entries())
        {
            text.Append(entry.ToJsonLine()).Append('\n');
        }

        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), http.RequestAborted).ConfigureAwait(false);
    }

    private static Task WriteEventAsync(HttpResponse response, string name, string json, CancellationToken ct) =>
        response.Body.WriteAsync(Encoding.UTF8.GetBytes("event: " + name + "\ndata: " + json + "\n\n"), ct).AsTask();

    private static Task WriteTextAsync(HttpResponse response, int status, string text)
    {
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        return response.WriteAsync(text);
    }

    private static bool HasToken(HttpRequest request, string token)
    {
        string? given = request.Query[TokenParameter];
        return given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(token));
    }
}
