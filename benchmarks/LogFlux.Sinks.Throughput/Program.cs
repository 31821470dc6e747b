using LogFlux.Sinks.Throughput;

// One launch runs every selected peer, each in a fresh child process (this program started again with
// "child <peer> ..."), against receivers hosted here. See HarnessOptions.Usage and benchmarks/RESULTS.md.
if (args.Length >= 2 && args[0] == "child") return await ChildProgram.RunAsync(args);

HarnessOptions options;
try
{
    options = HarnessOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}
return await Orchestrator.RunAsync(options);
