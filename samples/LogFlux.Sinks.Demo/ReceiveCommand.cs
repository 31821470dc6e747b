using LogFlux.Sinks.Demo.Receiving;
using LogFlux.Sinks.Testing;

namespace LogFlux.Sinks.Demo;

/// <summary>
/// Runs the local receiver on its own: prints every decrypted entry (in full, or as NDJSON with <c>--json</c>) and
/// every refused request as it happens, and serves the live web view with <c>--web</c>.
/// </summary>
internal static class ReceiveCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (ReceiveArguments.Parse(args, out var error) is not { } options)
        {
            Console.Error.WriteLine(error);
            return 2;
        }

        // Entries go to stdout; in --json mode stdout carries only NDJSON, so everything else goes to stderr.
        var info = options.Json ? Console.Error : Console.Out;
        var gate = new object();
        await using var server = await LogFluxTestServer.StartAsync(new LogFluxTestServerOptions
        {
            Port = options.Port,
            EnableWebView = options.Web,
            AcceptMissingCrlfBeforeBoundary = options.AcceptMissingCrlf,
            OnEntry = entry =>
            {
                string text = options.Json ? entry.ToJsonLine() : EntryConsoleView.Format(entry);
                lock (gate) Console.Out.WriteLine(text);
            },
            OnRequest = request =>
            {
                if (!RequestConsoleView.IsNotable(request)) return;
                string text = RequestConsoleView.Format(request);
                lock (gate) info.WriteLine(text);
            },
        });
        info.WriteLine($"LogFlux local receiver listening on {server.BaseUrl}");
        info.WriteLine($"Point an app at it: LOGFLUX_CUSTOM_ENDPOINT_URL={server.BaseUrl} LOGFLUX_API_KEY=eu-lf_local");
        if (options.AcceptMissingCrlf)
        {
            info.WriteLine("Accepting the JavaScript SDK's multipart framing (no CRLF before a delimiter), with a warning per request.");
        }

        if (server.WebViewUrl is { } url)
        {
            info.WriteLine($"Web view (live tail, filters, traces, metrics, refused requests): {url}");
        }

        info.WriteLine("Press Ctrl+C to stop.");

        var stop = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
        await stop.Task;
        return 0;
    }
}
