namespace LogFlux.Sinks.Testing.WebView;

/// <summary>The web view's page, script and style sheet, embedded in this assembly (no CDN, no network).</summary>
internal static class WebViewAssets
{
    private static readonly Dictionary<string, Asset> ByPath = new(StringComparer.Ordinal)
    {
        ["/common.js"] = Load("common.js", "text/javascript; charset=utf-8"),
        ["/entries.js"] = Load("entries.js", "text/javascript; charset=utf-8"),
        ["/traces.js"] = Load("traces.js", "text/javascript; charset=utf-8"),
        ["/metrics.js"] = Load("metrics.js", "text/javascript; charset=utf-8"),
        ["/app.js"] = Load("app.js", "text/javascript; charset=utf-8"),
        ["/app.css"] = Load("app.css", "text/css; charset=utf-8"),
    };

    public static Asset Page { get; } = Load("index.html", "text/html; charset=utf-8");

    public static bool TryGet(string relativePath, out Asset asset) => ByPath.TryGetValue(relativePath, out asset!);

    private static Asset Load(string name, string contentType)
    {
        string resource = "LogFlux.Sinks.Testing.WebView.Assets." + name;
        using var stream = typeof(WebViewAssets).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new Asset(copy.ToArray(), contentType);
    }

    /// <summary>One embedded file.</summary>
    internal sealed record Asset(byte[] Content, string ContentType);
}
