namespace LogFlux.Sinks;

/// <summary>
/// A framework adapter's hold on a client from <see cref="LogFluxClientRegistry"/>. Disposing the last
/// lease of a shared client closes it (within its shutdown timeout); a lease on the global
/// <see cref="LogFluxSdk"/> client never closes it.
/// </summary>
public sealed class LogFluxClientLease : IDisposable, IAsyncDisposable
{
    private readonly Sharing.SharedClient? _shared;
    private int _disposed;

    internal LogFluxClientLease(LogFluxClient client, Sharing.SharedClient? shared)
    {
        Client = client;
        _shared = shared;
    }

    /// <summary>The client. Subscribe to <see cref="LogFluxClient.Diagnostic"/> to forward its diagnostics.</summary>
    public LogFluxClient Client { get; }

    /// <summary>True for a lease on the global client set up with <c>LogFluxSdk.Init</c>.</summary>
    public bool IsGlobalClient => _shared is null;

    /// <summary>Releases the lease; the last lease of a shared client closes it (blocking up to its shutdown timeout).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0 || _shared is null) return;
        LogFluxClientRegistry.Release(_shared)?.Close();
    }

    /// <summary>
    /// Releases the lease; the last lease of a shared client closes it, giving what is queued at most
    /// <paramref name="closeTimeout"/> (the part of the adapter's shutdown budget that is left; zero drops and reports
    /// what is still queued at once). Blocks at most about that long.
    /// </summary>
    /// <param name="closeTimeout">The longest time the close may spend sending what is queued.</param>
    public void Release(TimeSpan closeTimeout)
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0 || _shared is null) return;
        if (LogFluxClientRegistry.Release(_shared) is not { } client) return;
        try
        {
            // On the pool so that a caller's synchronisation context cannot deadlock the wait.
            Task.Run(() => client.CloseWithinAsync(closeTimeout)).GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            client.Diagnostics.Error("Close failed", ex);
        }
    }

    /// <summary>Releases the lease; the last lease of a shared client closes it within <paramref name="closeTimeout"/>.</summary>
    /// <returns>True when nothing was lost (also when the client stays open).</returns>
    internal Task<bool> ReleaseAsync(TimeSpan closeTimeout)
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0 || _shared is null) return Task.FromResult(true);
        return LogFluxClientRegistry.Release(_shared) is { } client ? client.CloseWithinAsync(closeTimeout) : Task.FromResult(true);
    }

    /// <summary>Releases the lease; the last lease of a shared client closes it.</summary>
    /// <returns>A task that completes when the lease (and, if last, the client) is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0 || _shared is null) return;
        if (LogFluxClientRegistry.Release(_shared) is { } client) await client.CloseAsync().ConfigureAwait(false);
    }
}
