using Serilog;
using Serilog.Debugging;
using Serilog.Sinks.LogFlux;

namespace LogFlux.Sinks.ChildProcess;

/// <summary>
/// Serilog through <c>WriteTo.LogFlux(...)</c> with named arguments (the form appsettings.json binds to). Serilog has
/// no exit hook, so the child calls <c>Log.CloseAndFlush()</c> as applications must.
/// </summary>
internal sealed class SerilogMode : IChildMode
{
    public SerilogMode(ChildArguments arguments)
    {
        SelfLog.Enable(Console.Error);
        Serilog.Log.Logger = new LoggerConfiguration()
            .WriteTo.LogFlux(
                apiKey: ChildSettings.ApiKey,
                source: ChildSettings.Source,
                customEndpointUrl: arguments.Url,
                flushInterval: ChildSettings.FlushInterval,
                keyPersistence: false,
                shutdownTimeout: ChildSettings.ShutdownTimeout,
                bufferPath: arguments.BufferPath,
                bufferMaxBytes: arguments.BufferMaxBytes)
            .CreateLogger();
        Client = SharedClientLookup.Find(ChildSettings.ApiKey, arguments.Url);
    }

    public LogFluxClient Client { get; }

    public bool ClosesAtProcessExit => false;

    public long NoClientDrops => LogFluxSinkStatus.NoClientDrops;

    // ":l" renders the string without quotes, so the message is exactly "<prefix>-<index>".
    public void Log(string prefix, int index) => Serilog.Log.Information("{Prefix:l}-{Index}", prefix, index);

    public void Close() => Serilog.Log.CloseAndFlush();
}
