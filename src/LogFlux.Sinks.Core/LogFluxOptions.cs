using System.Text.Json.Nodes;

namespace LogFlux.Sinks;

/// <summary>
/// Options of a <c>LogFluxClient</c>. A plain class: set what you need, leave the rest at its
/// default. Options left unset can be filled from <c>LOGFLUX_*</c> environment variables
/// (see <c>ApplyEnvironmentDefaults</c>); an explicit setting always wins.
/// </summary>
public sealed partial class LogFluxOptions
{
    private HashSet<string> _explicit = new(StringComparer.Ordinal);

    private void Set<T>(ref T field, T value, [System.Runtime.CompilerServices.CallerMemberName] string name = "")
    {
        field = value;
        _explicit.Add(name);
    }

    /// <summary>True when the named option was set explicitly (in code or configuration).</summary>
    /// <param name="optionName">The property name, e.g. <c>nameof(LogFluxOptions.BatchSize)</c>.</param>
    /// <returns>Whether it was set.</returns>
    public bool IsExplicitlySet(string optionName) => _explicit.Contains(optionName);

    private string? _apiKey;
    /// <summary>The API key, <c>&lt;region&gt;-lf_&lt;key&gt;</c>. Required.</summary>
    public string? ApiKey { get => _apiKey; set => Set(ref _apiKey, value); }

    private string? _source;
    /// <summary>Service name written into every entry; defaults to <see cref="Node"/>, then the host name.</summary>
    public string? Source { get => _source; set => Set(ref _source, value); }

    private string? _environment;
    /// <summary><c>meta.environment</c>, e.g. <c>production</c>.</summary>
    public string? Environment { get => _environment; set => Set(ref _environment, value); }

    private string? _release;
    /// <summary><c>meta.release</c>, e.g. <c>1.4.2</c>.</summary>
    public string? Release { get => _release; set => Set(ref _release, value); }

    private string? _node;
    /// <summary>Node name, the fallback for <see cref="Source"/>; defaults to the host name. Not transmitted.</summary>
    public string? Node { get => _node; set => Set(ref _node, value); }

    private string? _logGroup;
    /// <summary>Log group. Accepted for compatibility; not transmitted.</summary>
    public string? LogGroup { get => _logGroup; set => Set(ref _logGroup, value); }

    private string? _customEndpointUrl;
    /// <summary>Base URL of the ingestor; skips discovery. Plain <c>http://</c> is allowed only for loopback or with <see cref="AllowInsecureTransport"/>.</summary>
    public string? CustomEndpointUrl { get => _customEndpointUrl; set => Set(ref _customEndpointUrl, value); }

    private string? _zone;
    /// <summary>Region code that replaces the key's region for discovery.</summary>
    public string? Zone { get => _zone; set => Set(ref _zone, value); }

    private int _queueSize = 10_000;
    /// <summary>Queue capacity in entries. Default 10,000.</summary>
    public int QueueSize { get => _queueSize; set => Set(ref _queueSize, value); }

    private long _queueMaxBytes = 32L * 1024 * 1024;
    /// <summary>Queue capacity in (estimated) bytes of queued entries. Default 32 MiB.</summary>
    public long QueueMaxBytes { get => _queueMaxBytes; set => Set(ref _queueMaxBytes, value); }

    private int _batchSize = 100;
    /// <summary>Entries per request; capped by the server's <c>max_batch_size</c>. Default 100.</summary>
    public int BatchSize { get => _batchSize; set => Set(ref _batchSize, value); }

    private TimeSpan _flushInterval = TimeSpan.FromSeconds(5);
    /// <summary>Longest time an entry waits for its batch to fill. Default 5 s.</summary>
    public TimeSpan FlushInterval { get => _flushInterval; set => Set(ref _flushInterval, value); }

    private int _workerCount = 2;
    /// <summary>Concurrent senders. Default 2.</summary>
    public int WorkerCount { get => _workerCount; set => Set(ref _workerCount, value); }

    private int _maxRetries = 3;
    /// <summary>Retries of a failed batch (5xx, network errors); 0 means none. Default 3.</summary>
    public int MaxRetries { get => _maxRetries; set => Set(ref _maxRetries, value); }

    private TimeSpan _initialDelay = TimeSpan.FromSeconds(1);
    /// <summary>First backoff delay. Default 1 s.</summary>
    public TimeSpan InitialDelay { get => _initialDelay; set => Set(ref _initialDelay, value); }

    private TimeSpan _maxDelay = TimeSpan.FromSeconds(30);
    /// <summary>Backoff cap. Default 30 s.</summary>
    public TimeSpan MaxDelay { get => _maxDelay; set => Set(ref _maxDelay, value); }

    private double _backoffFactor = 2.0;
    /// <summary>Backoff multiplier, greater than 1. Default 2.</summary>
    public double BackoffFactor { get => _backoffFactor; set => Set(ref _backoffFactor, value); }

    private TimeSpan _httpTimeout = TimeSpan.FromSeconds(30);
    /// <summary>Timeout of handshake and ingest requests. Default 30 s (discovery uses 10 s).</summary>
    public TimeSpan HttpTimeout { get => _httpTimeout; set => Set(ref _httpTimeout, value); }

    private bool _failsafe = true;
    /// <summary>When true (default) no public method throws; problems go to diagnostics and stats.</summary>
    public bool Failsafe { get => _failsafe; set => Set(ref _failsafe, value); }

    private bool _enableCompression = true;
    /// <summary>gzip each entry before encryption. Default true.</summary>
    public bool EnableCompression { get => _enableCompression; set => Set(ref _enableCompression, value); }

    private double _sampleRate = 1.0;
    /// <summary>Probability in [0, 1] that a non-audit entry is sent. Default 1.</summary>
    public double SampleRate { get => _sampleRate; set => Set(ref _sampleRate, value); }

    private int _maxBreadcrumbs = 100;
    /// <summary>Breadcrumb ring size, global and per scope. Default 100.</summary>
    public int MaxBreadcrumbs { get => _maxBreadcrumbs; set => Set(ref _maxBreadcrumbs, value); }

    private LogFluxLevel _minimumBreadcrumbLevel = LogFluxLevel.Info;
    /// <summary>Framework events at or above this level feed the breadcrumb ring. Default Info.</summary>
    public LogFluxLevel MinimumBreadcrumbLevel { get => _minimumBreadcrumbLevel; set => Set(ref _minimumBreadcrumbLevel, value); }

    private bool _debug;
    /// <summary>Emit verbose self-diagnostics. Default false.</summary>
    public bool Debug { get => _debug; set => Set(ref _debug, value); }

    private bool _keyPersistence = true;
    /// <summary>Persist the negotiated key so a restart skips the handshake. Default true.</summary>
    public bool KeyPersistence { get => _keyPersistence; set => Set(ref _keyPersistence, value); }

    private string? _keyPersistencePath;
    /// <summary>Directory of key files; default <c>~/.logflux/sessions/</c>.</summary>
    public string? KeyPersistencePath { get => _keyPersistencePath; set => Set(ref _keyPersistencePath, value); }

    private int _keyRotationDays;
    /// <summary>Replace the key after this many days; 0 (default) never.</summary>
    public int KeyRotationDays { get => _keyRotationDays; set => Set(ref _keyRotationDays, value); }

    private string? _serverKeyFingerprint;
    /// <summary>Optional pin <c>SHA256:&lt;64 hex&gt;</c> of the server's RSA key; a mismatching handshake fails.</summary>
    public string? ServerKeyFingerprint { get => _serverKeyFingerprint; set => Set(ref _serverKeyFingerprint, value); }

    private TimeSpan _shutdownTimeout = TimeSpan.FromSeconds(10);
    /// <summary>Flush budget of Close/Dispose. Default 10 s.</summary>
    public TimeSpan ShutdownTimeout { get => _shutdownTimeout; set => Set(ref _shutdownTimeout, value); }

    private bool _allowInsecureTransport;
    /// <summary>Allow a plain <c>http://</c> custom endpoint that is not loopback. Default false.</summary>
    public bool AllowInsecureTransport { get => _allowInsecureTransport; set => Set(ref _allowInsecureTransport, value); }

    private string? _proxyAddress;
    /// <summary>Optional HTTP proxy URL for all requests.</summary>
    public string? ProxyAddress { get => _proxyAddress; set => Set(ref _proxyAddress, value); }

    private TimeSpan _diagnosticsInterval = TimeSpan.FromSeconds(10);
    /// <summary>At most one drop summary per interval goes to diagnostics. Default 10 s.</summary>
    public TimeSpan DiagnosticsInterval { get => _diagnosticsInterval; set => Set(ref _diagnosticsInterval, value); }

    private string? _bufferPath;
    /// <summary>Directory of the opt-in durable (encrypted) buffer. Null (default) keeps entries in memory only.</summary>
    public string? BufferPath { get => _bufferPath; set => Set(ref _bufferPath, value); }

    private long _bufferMaxBytes = 256L * 1024 * 1024;
    /// <summary>Byte bound of the durable buffer. Default 256 MiB.</summary>
    public long BufferMaxBytes { get => _bufferMaxBytes; set => Set(ref _bufferMaxBytes, value); }

    /// <summary>Creates the HTTP handler used for all requests (proxies, certificates). Null uses a default handler.</summary>
    public Func<HttpMessageHandler>? CreateHttpMessageHandler { get; set; }

    /// <summary>Receives self-diagnostic messages (adapters forward them to SelfLog / InternalLogger / LogLog).</summary>
    public Action<LogFluxDiagnostic>? DiagnosticListener { get; set; }

    /// <summary>Global hook run on every payload after the per-type hook; return null to drop.</summary>
    public Func<JsonObject, JsonObject?>? BeforeSend { get; set; }
    /// <summary>Hook for plain logs; return null to drop.</summary>
    public Func<JsonObject, JsonObject?>? BeforeSendLog { get; set; }
    /// <summary>Hook for error captures; return null to drop.</summary>
    public Func<JsonObject, JsonObject?>? BeforeSendError { get; set; }
    /// <summary>Hook for metrics; return null to drop.</summary>
    public Func<JsonObject, JsonObject?>? BeforeSendMetric { get; set; }
    /// <summary>Hook for events; return null to drop.</summary>
    public Func<JsonObject, JsonObject?>? BeforeSendEvent { get; set; }
    /// <summary>Hook for audit entries; return null to drop.</summary>
    public Func<JsonObject, JsonObject?>? BeforeSendAudit { get; set; }
    /// <summary>Hook for spans; return null to drop.</summary>
    public Func<JsonObject, JsonObject?>? BeforeSendTrace { get; set; }
    /// <summary>Hook for telemetry (types 6 and 7); return null to drop.</summary>
    public Func<JsonObject, JsonObject?>? BeforeSendTelemetry { get; set; }

    /// <summary>Time source (tests inject a fake).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
