using LogFlux.Sinks.Testing.Hosting;

namespace LogFlux.Sinks.Testing.Faults;

/// <summary>Answers 401 and forgets the key ids the request used, forcing the client to handshake again.</summary>
internal sealed class UnauthorizedFault() : Fault("Unauthorized")
{
    internal override async Task HandleAsync(Exchange exchange)
    {
        await exchange.ReadBodyAsync().ConfigureAwait(false);
        var (partCount, keyIds) = exchange.InspectIngestBody();
        foreach (string keyId in keyIds)
        {
            exchange.State.Keys.Forget(keyId);
        }

        var outcome = exchange.Reject(401, "injected fault Unauthorized (key id forgotten)", partCount);
        await exchange.RespondAsync(exchange.Record(outcome, aborted: false)).ConfigureAwait(false);
    }
}
