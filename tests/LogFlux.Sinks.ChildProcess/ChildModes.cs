namespace LogFlux.Sinks.ChildProcess;

/// <summary>Creates the mode named on the command line.</summary>
internal static class ChildModes
{
    /// <exception cref="ArgumentException">The mode is unknown.</exception>
    public static IChildMode Create(ChildArguments arguments) => arguments.Mode switch
    {
        "core" => new CoreMode(arguments),
        "nlog" => new NLogMode(arguments),
        "serilog" => new SerilogMode(arguments),
        "log4net" => new Log4NetMode(arguments),
        "extensions-logging" => new ExtensionsLoggingMode(arguments),
        _ => throw new ArgumentException($"unknown mode '{arguments.Mode}'; expected core, nlog, serilog, log4net or extensions-logging"),
    };
}
