using LogFlux.Sinks.Testing.Hosting;

namespace LogFlux.Sinks.Testing.Faults;

/// <summary>Drops the connection at once; nothing is read or accepted.</summary>
internal sealed class AbortBeforeProcessingFault() : Fault("AbortBeforeProcessing")
{
    internal override Task HandleAsync(Exchange exchange)
    {
        exchange.RecordFault(0, "injected fault AbortBeforeProcessing", aborted: true);
        exchange.Http.Abort();
        return Task.CompletedTask;
    }
}
