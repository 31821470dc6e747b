namespace log4net.Appender.LogFlux;

// The options are strings so that the appender parses them itself: log4net's XML configurator throws away the
// whole appender when a typed property fails to convert, and parses numbers with the current culture. Here a
// bad value is reported by name and the appender stays in place (inactive).
public sealed partial class LogFluxAppender
{
    /// <summary>The API key (<c>&lt;region&gt;-lf_&lt;key&gt;</c>), typically <c>${LOGFLUX_API_KEY}</c>. When empty, <c>LOGFLUX_API_KEY</c>
    /// is used, then the client set up by <c>LogFluxSdk.Init</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Service name written into every entry; defaults to <see cref="Node"/>, then the host name.</summary>
    public string? Source { get; set; }

    /// <summary><c>meta.environment</c>, e.g. <c>production</c>.</summary>
    public string? Environment { get; set; }

    /// <summary><c>meta.release</c>, e.g. <c>1.4.2</c>.</summary>
    public string? Release { get; set; }

    /// <summary>Node name, the fallback for <see cref="Source"/>. Not transmitted.</summary>
    public string? Node { get; set; }

    /// <summary>Log group. Accepted for compatibility; not transmitted.</summary>
    public string? LogGroup { get; set; }

    /// <summary>Base URL of the ingestor; skips discovery.</summary>
    public string? CustomEndpointUrl { get; set; }

    /// <summary>Region code that replaces the key's region for discovery.</summary>
    public string? Zone { get; set; }

    /// <summary>Queue capacity in entries (whole number). Default 10000.</summary>
    public string? QueueSize { get; set; }

    /// <summary>Queue capacity in bytes (whole number, KB/MB/GB suffixes accepted). Default 32MB.</summary>
    public string? QueueMaxBytes { get; set; }

    /// <summary>Entries per request (whole number). Default 100.</summary>
    public string? BatchSize { get; set; }

    /// <summary>Longest time an entry waits for its batch (e.g. <c>5s</c>, <c>500ms</c>, <c>00:00:05</c>). Default 5s.</summary>
    public string? FlushInterval { get; set; }

    /// <summary>Concurrent senders (whole number). Default 2.</summary>
    public string? WorkerCount { get; set; }

    /// <summary>Retries of a failed batch; 0 means none. Default 3.</summary>
    public string? MaxRetries { get; set; }

    /// <summary>First backoff delay (duration). Default 1s.</summary>
    public string? InitialDelay { get; set; }

    /// <summary>Backoff cap (duration). Default 30s.</summary>
    public string? MaxDelay { get; set; }

    /// <summary>Backoff multiplier, greater than 1 (invariant number, e.g. <c>2.0</c>). Default 2.</summary>
    public string? BackoffFactor { get; set; }

    /// <summary>Timeout of handshake and ingest requests (duration). Default 30s.</summary>
    public string? HttpTimeout { get; set; }

    /// <summary>Failsafe mode of the client (<c>true</c>/<c>false</c>). Default true. The appender itself never throws into the
    /// application either way.</summary>
    public string? Failsafe { get; set; }

    /// <summary>gzip each entry before encryption (<c>true</c>/<c>false</c>). Default true.</summary>
    public string? EnableCompression { get; set; }

    /// <summary>Probability in [0, 1] that a non-audit entry is sent (invariant number). Default 1.</summary>
    public string? SampleRate { get; set; }

    /// <summary>Breadcrumb ring size (whole number). Default 100.</summary>
    public string? MaxBreadcrumbs { get; set; }

    /// <summary>Events at or above this LogFlux level feed the breadcrumb ring (<c>Info</c>, <c>Warning</c>, ... or 1–8). Default Info.</summary>
    public string? MinimumBreadcrumbLevel { get; set; }

    /// <summary>Verbose self-diagnostics through log4net's internal log (<c>true</c>/<c>false</c>). Default false.</summary>
    public string? Debug { get; set; }

    /// <summary>Persist the negotiated key so a restart skips the handshake (<c>true</c>/<c>false</c>). Default true.</summary>
    public string? KeyPersistence { get; set; }

    /// <summary>Directory of key files; default <c>~/.logflux/sessions/</c>.</summary>
    public string? KeyPersistencePath { get; set; }

    /// <summary>Replace the key after this many days; 0 (default) never.</summary>
    public string? KeyRotationDays { get; set; }

    /// <summary>Optional pin <c>SHA256:&lt;64 hex&gt;</c> of the server's RSA key.</summary>
    public string? ServerKeyFingerprint { get; set; }

    /// <summary>Flush budget of close and shutdown (duration). Default 10s.</summary>
    public string? ShutdownTimeout { get; set; }

    /// <summary>Allow a plain <c>http://</c> custom endpoint that is not loopback (<c>true</c>/<c>false</c>). Default false.</summary>
    public string? AllowInsecureTransport { get; set; }

    /// <summary>Optional HTTP proxy URL for all requests.</summary>
    public string? ProxyAddress { get; set; }

    /// <summary>At most one drop summary per interval goes to the internal log (duration). Default 10s.</summary>
    public string? DiagnosticsInterval { get; set; }

    /// <summary>Directory of the opt-in durable (encrypted) buffer. Empty (default) keeps entries in memory only.</summary>
    public string? BufferPath { get; set; }

    /// <summary>Byte bound of the durable buffer (KB/MB/GB suffixes accepted). Default 256MB.</summary>
    public string? BufferMaxBytes { get; set; }

    /// <summary>Adds <c>class</c>, <c>method</c>, <c>file</c> and <c>line</c> attributes from log4net's location information
    /// (<c>true</c>/<c>false</c>). Default false: capturing the location walks the stack on the logging thread.</summary>
    public string? IncludeLocation { get; set; }

    /// <summary>Adds one explicit level mapping (XML: <c>&lt;levelMapping&gt;&lt;level value="NOTICE" /&gt;&lt;logFluxLevel value="Info" /&gt;&lt;/levelMapping&gt;</c>).
    /// Levels without a mapping use the numeric threshold rule.</summary>
    /// <param name="mapping">The mapping.</param>
    public void AddLevelMapping(LogFluxLevelMapping mapping)
    {
        if (mapping is not null) _levelMappings.Add(mapping);
    }
}
