using LogFlux.Sinks.Demo;

// dotnet run --project samples/LogFlux.Sinks.Demo                        -> the tour (embedded receiver, or LOGFLUX_API_KEY)
// dotnet run --project samples/LogFlux.Sinks.Demo -- receive [--port N]  -> a local receiver that prints entries as they arrive
try
{
    if (args.Length > 0 && args[0] == "receive")
    {
        return await ReceiveCommand.RunAsync(args[1..]);
    }
    if (args.Length > 0)
    {
        Console.WriteLine("usage: LogFlux.Sinks.Demo                      run the tour (exit code 0 when everything sent arrived)");
        Console.WriteLine("       LogFlux.Sinks.Demo receive [--port N]   run a local receiver and print what arrives");
        return args[0] is "-h" or "--help" ? 0 : 2;
    }
    return await Tour.RunAsync();
}
catch (Exception ex)
{
    Console.Error.WriteLine($"demo failed: {ex.GetType().Name}: {ex.Message}");
    return 2;
}
