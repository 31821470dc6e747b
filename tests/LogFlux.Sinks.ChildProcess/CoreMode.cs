namespace LogFlux.Sinks.ChildProcess;

/// <summary>The core client, configured in code and closed explicitly.</summary>
internal sealed class CoreMode : IChildMode
{
    public CoreMode(ChildArguments arguments)
    {
        var options = new LogFluxOptions
        {
            ApiKey = ChildSettings.ApiKey,
            CustomEndpointUrl = arguments.Url,
            KeyPersistence = false,
            Source = ChildSettings.Source,
            BufferPath = arguments.BufferPath,
            FlushInterval = ChildSettings.FlushInterval,
            ShutdownTimeout = ChildSettings.ShutdownTimeout,
            DiagnosticListener = d => { if (d.Level >= LogFluxDiagnosticLevel.Warning) Console.Error.WriteLine(d); },
        };
        if (arguments.BufferMaxBytes is { } maxBytes) options.BufferMaxBytes = maxBytes;
        Client = new LogFluxClient(options);
    }

    public LogFluxClient Client { get; }

    public bool ClosesAtProcessExit => false;

    public long NoClientDrops => 0;

    public void Log(string prefix, int index) => Client.Info($"{prefix}-{index}");

    public void Close() => Client.Close();
}
