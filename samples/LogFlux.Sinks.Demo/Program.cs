using LogFlux.Sinks.Demo;

// dotnet run --project samples/LogFlux.Sinks.Demo                        -> the tour (embedded receiver, or LOGFLUX_API_KEY)
// dotnet run --project samples/LogFlux.Sinks.Demo -- receive [--port N] [--json] [--web] [--accept-missing-crlf]
//                                                                        -> a local receiver: prints entries and refusals as they happen,
//                                                                           --web also serves the live web view
try
{
    if (args.Length > 0 && args[0] == "receive")
    {
        return await ReceiveCommand.RunAsync(args[1..]);
    }
    if (args.Length > 0)
    {
        Console.WriteLine("usage: LogFlux.Sinks.Demo                      run the tour (exit code 0 when everything sent arrived)");
        Console.WriteLine("       LogFlux.Sinks.Demo receive [--port N] [--json] [--web] [--accept-missing-crlf]");
        Console.WriteLine("                                              run a local receiver: print what arrives and what is refused;");
        Console.WriteLine("                                              --json prints one entry per line (NDJSON), --web serves the live web view");
        return args[0] is "-h" or "--help" ? 0 : 2;
    }
    return await Tour.RunAsync();
}
catch (Exception ex)
{
    Console.Error.WriteLine($"demo failed: {ex.GetType().Name}: {ex.Message}");
    return 2;
}
