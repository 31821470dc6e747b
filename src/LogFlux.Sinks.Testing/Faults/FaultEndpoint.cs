namespace LogFlux.Sinks.Testing;

/// <summary>The endpoint(s) a fault applies to.</summary>
public enum FaultEndpoint
{
    /// <summary><c>POST /v1/ingest</c>.</summary>
    Ingest,

    /// <summary><c>POST /v1/handshake/init</c>.</summary>
    HandshakeInit,

    /// <summary><c>POST /v1/handshake/complete</c>.</summary>
    HandshakeComplete,

    /// <summary>Any of the three protocol endpoints above (<c>/health</c> and <c>/info</c> are never faulted).</summary>
    Any,
}
