using LogFlux.Sinks.Testing.Hosting;

namespace LogFlux.Sinks.Testing.Faults;

/// <summary>Holds the request until the client gives up or the server stops, then drops the connection.</summary>
internal sealed class NeverRespondFault() : Fault("NeverRespond")
{
    internal override async Task HandleAsync(Exchange exchange)
    {
        // Recorded on arrival so a test can see that the request is being held.
        exchange.RecordFault(0, "injected fault NeverRespond", aborted: true);
        try
        {
            await Task.Delay(Timeout.Infinite, exchange.Lifetime).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            exchange.Http.Abort();
        }
    }
}
