using NLog.Layouts;
using NLog.Targets.LogFlux.Internal;

namespace NLog.Targets.LogFlux;

// The settings of the target. Each one is a layout rendered once when the target initialises, so values
// such as apiKey="${environment:LOGFLUX_API_KEY}" work. Settings that are not configured (or render to
// an empty string) are filled from the LOGFLUX_* environment variables, then from the LogFlux defaults.
public sealed partial class LogFluxTarget
{
    /// <summary>The API key, <c>&lt;region&gt;-lf_&lt;key&gt;</c>. Without one (here or in <c>LOGFLUX_API_KEY</c>) the target uses the client set up by <c>LogFluxSdk.Init</c>.</summary>
    public Layout? ApiKey { get; set; }

    /// <summary>Service name written into every entry; default: <see cref="Node"/>, then the host name.</summary>
    public Layout? Source { get; set; }

    /// <summary><c>meta.environment</c>, e.g. <c>production</c>.</summary>
    public Layout? Environment { get; set; }

    /// <summary><c>meta.release</c>, e.g. <c>1.4.2</c>.</summary>
    public Layout? Release { get; set; }

    /// <summary>Node name, the fallback for <see cref="Source"/>; default: the host name. Not transmitted.</summary>
    public Layout? Node { get; set; }

    /// <summary>Log group. Accepted for compatibility; not transmitted.</summary>
    public Layout? LogGroup { get; set; }

    /// <summary>Base URL of the ingestor; skips discovery.</summary>
    public Layout? CustomEndpointUrl { get; set; }

    /// <summary>Region code that replaces the key's region for discovery.</summary>
    public Layout? Zone { get; set; }

    /// <summary>Queue capacity in entries (whole number). Default 10000.</summary>
    public Layout? QueueSize { get; set; }

    /// <summary>Queue capacity in bytes (whole number; <c>KB</c>/<c>MB</c>/<c>GB</c> suffixes accepted). Default 32MB.</summary>
    public Layout? QueueMaxBytes { get; set; }

    /// <summary>Entries per request (whole number). Default 100.</summary>
    public Layout? BatchSize { get; set; }

    /// <summary>Longest time an entry waits for its batch (duration: <c>5s</c>, <c>250ms</c>, <c>00:00:05</c> or seconds). Default 5 s.</summary>
    public Layout? FlushInterval { get; set; }

    /// <summary>Concurrent senders (whole number). Default 2.</summary>
    public Layout? WorkerCount { get; set; }

    /// <summary>Retries of a failed batch (whole number, 0 = none). Default 3.</summary>
    public Layout? MaxRetries { get; set; }

    /// <summary>First backoff delay (duration). Default 1 s.</summary>
    public Layout? InitialDelay { get; set; }

    /// <summary>Backoff cap (duration). Default 30 s.</summary>
    public Layout? MaxDelay { get; set; }

    /// <summary>Backoff multiplier (number greater than 1). Default 2.</summary>
    public Layout? BackoffFactor { get; set; }

    /// <summary>Timeout of handshake and ingest requests (duration). Default 30 s.</summary>
    public Layout? HttpTimeout { get; set; }

    /// <summary>gzip each entry before encryption (boolean). Default true.</summary>
    public Layout? EnableCompression { get; set; }

    /// <summary>Probability in [0, 1] that a non-audit entry is sent. Default 1.</summary>
    public Layout? SampleRate { get; set; }

    /// <summary>Breadcrumb ring size (whole number). Default 100.</summary>
    public Layout? MaxBreadcrumbs { get; set; }

    /// <summary>Events at or above this LogFlux level feed the breadcrumb ring (<c>Info</c>, <c>Warning</c>, ... or 1–8). Default Info.</summary>
    public Layout? MinimumBreadcrumbLevel { get; set; }

    /// <summary>Verbose self-diagnostics to the NLog InternalLogger (boolean). Default false.</summary>
    public Layout? Debug { get; set; }

    /// <summary>Persist the negotiated key so a restart skips the handshake (boolean). Default true.</summary>
    public Layout? KeyPersistence { get; set; }

    /// <summary>Directory of key files. Default <c>~/.logflux/sessions/</c>.</summary>
    public Layout? KeyPersistencePath { get; set; }

    /// <summary>Replace the key after this many days (whole number, 0 = never). Default 0.</summary>
    public Layout? KeyRotationDays { get; set; }

    /// <summary>Optional pin <c>SHA256:&lt;64 hex&gt;</c> of the server's RSA key.</summary>
    public Layout? ServerKeyFingerprint { get; set; }

    /// <summary>Flush budget of flush and shutdown (duration). Default 10 s.</summary>
    public Layout? ShutdownTimeout { get; set; }

    /// <summary>Allow a plain <c>http://</c> custom endpoint that is not loopback (boolean). Default false.</summary>
    public Layout? AllowInsecureTransport { get; set; }

    /// <summary>Optional HTTP proxy URL.</summary>
    public Layout? ProxyAddress { get; set; }

    /// <summary>At most one drop summary per interval goes to the InternalLogger (duration). Default 10 s.</summary>
    public Layout? DiagnosticsInterval { get; set; }

    /// <summary>Directory of the opt-in encrypted durable buffer. Default: none (memory only).</summary>
    public Layout? BufferPath { get; set; }

    /// <summary>Byte bound of the durable buffer (whole number; <c>KB</c>/<c>MB</c>/<c>GB</c> suffixes accepted). Default 256MB.</summary>
    public Layout? BufferMaxBytes { get; set; }

    /// <summary>
    /// Overrides of the level mapping as <c>NLogLevel=LogFluxLevel</c> pairs separated by <c>;</c>, e.g.
    /// <c>Fatal=Emergency;Trace=Debug</c>. Default: Trace/Debug → debug, Info → info, Warn → warning,
    /// Error → error, Fatal → critical; Off is never sent.
    /// </summary>
    public Layout? LevelMapping { get; set; }

    /// <summary>The message of each entry. Default <c>${message}</c>. Same object as <see cref="TargetWithContext.Layout"/>.</summary>
    public Layout Message
    {
        get => Layout;
        set => Layout = value;
    }

    /// <summary>
    /// Trace id written to the <c>trace_id</c> attribute. Default: <see cref="System.Diagnostics.Activity.Current"/>
    /// (which a LogFlux span mirrors), else the current LogFlux span, captured on the logging thread (also behind
    /// <c>&lt;targets async="true"&gt;</c>).
    /// </summary>
    public Layout? TraceId { get; set; } = TraceContextLayouts.CreateTraceId();

    /// <summary>Span id written to the <c>span_id</c> attribute; captured like <see cref="TraceId"/>.</summary>
    public Layout? SpanId { get; set; } = TraceContextLayouts.CreateSpanId();

    // The settings that are LogFlux client options, by option name (the same as the property name here).
    private (string Name, Layout? Layout)[] OptionSettings() =>
    [
        (nameof(ApiKey), ApiKey),
        (nameof(Source), Source),
        (nameof(Environment), Environment),
        (nameof(Release), Release),
        (nameof(Node), Node),
        (nameof(LogGroup), LogGroup),
        (nameof(CustomEndpointUrl), CustomEndpointUrl),
        (nameof(Zone), Zone),
        (nameof(QueueSize), QueueSize),
        (nameof(QueueMaxBytes), QueueMaxBytes),
        (nameof(BatchSize), BatchSize),
        (nameof(FlushInterval), FlushInterval),
        (nameof(WorkerCount), WorkerCount),
        (nameof(MaxRetries), MaxRetries),
        (nameof(InitialDelay), InitialDelay),
        (nameof(MaxDelay), MaxDelay),
        (nameof(BackoffFactor), BackoffFactor),
        (nameof(HttpTimeout), HttpTimeout),
        (nameof(EnableCompression), EnableCompression),
        (nameof(SampleRate), SampleRate),
        (nameof(MaxBreadcrumbs), MaxBreadcrumbs),
        (nameof(MinimumBreadcrumbLevel), MinimumBreadcrumbLevel),
        (nameof(Debug), Debug),
        (nameof(KeyPersistence), KeyPersistence),
        (nameof(KeyPersistencePath), KeyPersistencePath),
        (nameof(KeyRotationDays), KeyRotationDays),
        (nameof(ServerKeyFingerprint), ServerKeyFingerprint),
        (nameof(ShutdownTimeout), ShutdownTimeout),
        (nameof(AllowInsecureTransport), AllowInsecureTransport),
        (nameof(ProxyAddress), ProxyAddress),
        (nameof(DiagnosticsInterval), DiagnosticsInterval),
        (nameof(BufferPath), BufferPath),
        (nameof(BufferMaxBytes), BufferMaxBytes),
    ];
}
