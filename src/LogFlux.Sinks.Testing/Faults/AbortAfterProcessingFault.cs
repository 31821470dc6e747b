using LogFlux.Sinks.Testing.Hosting;

namespace LogFlux.Sinks.Testing.Faults;

/// <summary>Processes the request (accepting its entries) and then drops the connection: a lost response.</summary>
internal sealed class AbortAfterProcessingFault() : Fault("Abort")
{
    internal override async Task HandleAsync(Exchange exchange)
    {
        var outcome = await exchange.ProcessAsync().ConfigureAwait(false);
        exchange.Record(outcome, aborted: true);
        exchange.Http.Abort();
    }
}
