using Microsoft.Extensions.Hosting;

namespace LogFlux.Sinks.Testing.Hosting;

/// <summary>Keeps the embedded host from hooking Ctrl+C / SIGTERM of the test process.</summary>
internal sealed class NoopHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
