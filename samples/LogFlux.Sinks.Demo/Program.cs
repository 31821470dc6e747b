using LogFlux.Sinks.Demo;

// dotnet run --project samples/LogFlux.Sinks.Demo              -> the tour (embedded receiver, or LOGFLUX_API_KEY)
// dotnet run --project samples/LogFlux.Sinks.Demo -- receive [--port N] -> a local receiver that prints entries
try
{
    if (args.Length > 0 && args[0] == "receive")
    {
        return await ReceiveCommand.RunAsync(args[1..]);
    }
    if (args.Length > 0 && args[0] is "-h" or "--help")
    {
        Console.WriteLine("usage: LogFlux.Sinks.Demo            run the tour");
        Console.WriteLine("       LogFlux.Sinks.Demo receive [--port N]   run a local receiver and print what arrives");
        return 0;
    }
    return await Tour.RunAsync();
}
catch (Exception ex)
{
    Console.Error.WriteLine($"demo failed: {ex.Message}");
    return 2;
}
