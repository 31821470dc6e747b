using LogFlux.Sinks.Testing;

namespace LogFlux.Sinks.Demo;

/// <summary>Runs the local receiver on its own and prints every decrypted entry as it arrives.</summary>
internal static class ReceiveCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var port = 0;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--port" && i + 1 < args.Length && int.TryParse(args[i + 1], out var p) && p is >= 0 and <= 65535)
            {
                port = p;
                i++;
            }
            else
            {
                Console.Error.WriteLine($"unknown argument '{args[i]}' (expected: receive [--port N])");
                return 2;
            }
        }

        await using var server = await LogFluxTestServer.StartAsync(new LogFluxTestServerOptions
        {
            Port = port,
            OnEntry = entry => Console.WriteLine(entry.ToString()),
        });
        Console.WriteLine($"LogFlux local receiver listening on {server.BaseUrl}");
        Console.WriteLine($"Point an app at it: LOGFLUX_CUSTOM_ENDPOINT_URL={server.BaseUrl} LOGFLUX_API_KEY=eu-lf_local");
        Console.WriteLine("Press Ctrl+C to stop.");

        var stop = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
        await stop.Task;
        return 0;
    }
}
