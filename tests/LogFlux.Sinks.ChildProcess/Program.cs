using LogFlux.Sinks.ChildProcess;

// Logs <count> entries "<prefix>-<i>" through the chosen mode and prints "wrote <i+1>" after each completed write,
// then one "stats ..." line (see StatsLine) once the client is closed:
// core closes the client and serilog calls Log.CloseAndFlush() (Serilog has no exit hook); nlog and log4net exit
// without an explicit flush or close, so the framework's process-exit hook must deliver, and the stats line is
// printed by a process-exit handler registered after the framework's.
var arguments = ChildArguments.TryParse(args);
if (arguments is null)
{
    Console.Error.WriteLine(ChildArguments.Usage);
    return 2;
}

IChildMode mode;
try
{
    mode = ChildModes.Create(arguments);
}
catch (Exception ex)
{
    Console.Error.WriteLine($"{arguments.Mode}: setup failed: {ex}");
    return 3;
}

var stats = new StatsLine(mode);
if (mode.ClosesAtProcessExit) AppDomain.CurrentDomain.ProcessExit += (_, _) => stats.Print();

for (var i = 0; i < arguments.Count; i++)
{
    mode.Log(arguments.Prefix, i);
    stats.AfterWrite(i);
    Console.Out.WriteLine($"wrote {i + 1}");
    Console.Out.Flush();
    // Pacing, so that a run spans a kill or an outage; nothing waits on it.
    if (arguments.DelayMs > 0) Thread.Sleep(arguments.DelayMs);
}

if (!mode.ClosesAtProcessExit)
{
    mode.Close();
    stats.Print();
}
return 0;
