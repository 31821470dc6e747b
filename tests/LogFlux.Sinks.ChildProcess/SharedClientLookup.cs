namespace LogFlux.Sinks.ChildProcess;

/// <summary>Finds the process-wide client that an adapter configured with an API key and endpoint is using.</summary>
internal static class SharedClientLookup
{
    /// <summary>
    /// Takes a lease on the shared client of (API key, endpoint) and returns it at once: the adapter stays its only
    /// holder, so the framework's own close still closes the client. Options other than the two keys are left
    /// unset, so no conflict with the adapter's settings is reported.
    /// </summary>
    /// <exception cref="InvalidOperationException">The adapter holds no client (the lease was the only one).</exception>
    public static LogFluxClient Find(string apiKey, string endpoint)
    {
        LogFluxClient client;
        using (var lease = LogFluxClientRegistry.Acquire(new LogFluxOptions { ApiKey = apiKey, CustomEndpointUrl = endpoint, KeyPersistence = false }))
        {
            client = lease.Client;
        }
        if (client.IsClosed) throw new InvalidOperationException("the adapter did not acquire a shared LogFlux client (see its self-diagnostics above)");
        return client;
    }
}
