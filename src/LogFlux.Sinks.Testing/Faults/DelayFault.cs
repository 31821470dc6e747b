using LogFlux.Sinks.Testing.Hosting;

namespace LogFlux.Sinks.Testing.Faults;

/// <summary>Holds the request for a while, then processes it normally.</summary>
internal sealed class DelayFault(TimeSpan delay) : Fault($"Delay({delay.TotalMilliseconds:0}ms)")
{
    internal override async Task HandleAsync(Exchange exchange)
    {
        await Task.Delay(delay, exchange.Lifetime).ConfigureAwait(false);
        var outcome = await exchange.ProcessAsync().ConfigureAwait(false);
        await exchange.RespondAsync(exchange.Record(outcome, aborted: false)).ConfigureAwait(false);
    }
}
