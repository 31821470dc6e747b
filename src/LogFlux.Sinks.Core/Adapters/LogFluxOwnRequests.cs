namespace LogFlux.Sinks.Adapters;

/// <summary>
/// Scopes entered around every HTTP request that the LogFlux clients of this process send (endpoint discovery,
/// handshake, ingest), in the flow that sends it: how an instrumentation library keeps those requests out of what
/// it records, e.g. the OpenTelemetry exporter entering OpenTelemetry's <c>SuppressInstrumentationScope</c> so the
/// clients' own calls never become spans that are exported to LogFlux again.
/// </summary>
internal static class LogFluxOwnRequests
{
    private static readonly object s_lock = new();
    private static Func<IDisposable?>[] s_scopes = [];

    /// <summary>Adds a scope (once: adding the same delegate again does nothing). It applies to requests sent from now on, by every client.</summary>
    /// <param name="enter">Enters the scope and returns what ends it (or null). It must be cheap; an exception it throws is ignored.</param>
    public static void AddScope(Func<IDisposable?> enter)
    {
        ArgumentNullException.ThrowIfNull(enter);
        lock (s_lock)
        {
            if (Array.IndexOf(s_scopes, enter) >= 0) return;
            s_scopes = [.. s_scopes, enter];
        }
    }

    /// <summary>Enters every registered scope; dispose the result (on the same flow) when the request is done.</summary>
    internal static EnteredScopes Enter()
    {
        var scopes = Volatile.Read(ref s_scopes);
        if (scopes.Length == 0) return default;
        var entered = new IDisposable?[scopes.Length];
        for (var i = 0; i < scopes.Length; i++)
        {
            try
            {
                entered[i] = scopes[i]();
            }
            catch (Exception)
            {
                // A failing scope must never stop a request.
            }
        }
        return new EnteredScopes(entered);
    }

    /// <summary>The scopes entered for one request, ended in reverse order.</summary>
    internal readonly struct EnteredScopes(IDisposable?[]? entered) : IDisposable
    {
        public void Dispose()
        {
            if (entered is null) return;
            for (var i = entered.Length - 1; i >= 0; i--)
            {
                try
                {
                    entered[i]?.Dispose();
                }
                catch (Exception)
                {
                    // Ending a scope is best effort.
                }
            }
        }
    }
}
