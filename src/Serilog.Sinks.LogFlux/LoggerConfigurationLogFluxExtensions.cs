using LogFlux.Sinks;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;
using Serilog.Sinks.LogFlux;

namespace Serilog;

/// <summary>
/// Adds <c>WriteTo.LogFlux()</c> and <c>AuditTo.LogFlux()</c> to the Serilog configuration.
/// </summary>
/// <remarks>
/// Every option of the LogFlux client is a nullable parameter so that "not set" stays distinguishable and the
/// <c>LOGFLUX_*</c> environment variables can fill it. New parameters are only ever appended at the end of a
/// parameter list, never inserted, so positional calls and configuration bindings keep working.
/// </remarks>
public static class LoggerConfigurationLogFluxExtensions
{
    /// <summary>
    /// Writes events to LogFlux, end-to-end encrypted. Invalid values are reported through
    /// <see cref="Debugging.SelfLog"/> at configuration time and the sink then drops events (counted in
    /// <see cref="LogFluxSinkStatus.NoClientDrops"/>) instead of throwing. appsettings.json
    /// (<c>"WriteTo": [{ "Name": "LogFlux", "Args": { ... } }]</c>) binds the text form of
    /// <see cref="Sinks.LogFlux.Settings.LogFluxSettingsExtensions"/>, which reads every option with the LogFlux option grammar.
    /// </summary>
    /// <param name="loggerSinkConfiguration">The sink configuration.</param>
    /// <param name="apiKey">The API key (<c>&lt;region&gt;-lf_&lt;key&gt;</c>). Leave it out to read <c>LOGFLUX_API_KEY</c>; without any key the client set up by <c>LogFluxSdk.Init</c> is used.</param>
    /// <param name="source">Service name written into every entry; defaults to <paramref name="node"/>, then the host name.</param>
    /// <param name="environment"><c>meta.environment</c>, e.g. <c>production</c>.</param>
    /// <param name="release"><c>meta.release</c>, e.g. <c>1.4.2</c>.</param>
    /// <param name="node">Node name, the fallback for <paramref name="source"/>; defaults to the host name. Not transmitted.</param>
    /// <param name="logGroup">Log group. Accepted for compatibility; not transmitted.</param>
    /// <param name="customEndpointUrl">Base URL of the ingestor; skips discovery.</param>
    /// <param name="zone">Region code that replaces the key's region for discovery.</param>
    /// <param name="queueSize">Queue capacity in entries. Default 10,000.</param>
    /// <param name="queueMaxBytes">Queue capacity in (estimated) bytes. Default 32 MiB.</param>
    /// <param name="batchSize">Entries per request. Default 100.</param>
    /// <param name="flushInterval">Longest time an entry waits for its batch to fill. Default 5 s.</param>
    /// <param name="workerCount">Concurrent senders. Default 2.</param>
    /// <param name="maxRetries">Retries of a failed batch; 0 means none. Default 3.</param>
    /// <param name="initialDelay">First backoff delay. Default 1 s.</param>
    /// <param name="maxDelay">Backoff cap. Default 30 s.</param>
    /// <param name="backoffFactor">Backoff multiplier, greater than 1. Default 2.</param>
    /// <param name="httpTimeout">Timeout of handshake and ingest requests. Default 30 s.</param>
    /// <param name="failsafe">When true (default) the client never throws; problems go to SelfLog and the stats.</param>
    /// <param name="enableCompression">gzip each entry before encryption. Default true.</param>
    /// <param name="sampleRate">Probability in [0, 1] that a non-audit entry is sent. Default 1.</param>
    /// <param name="maxBreadcrumbs">Breadcrumb ring size. Default 100.</param>
    /// <param name="minimumBreadcrumbLevel">Events at or above this level feed the breadcrumb ring. Default Information.</param>
    /// <param name="debug">Emit verbose self-diagnostics to SelfLog. Default false.</param>
    /// <param name="keyPersistence">Persist the negotiated key so a restart skips the handshake. Default true.</param>
    /// <param name="keyPersistencePath">Directory of key files; default <c>~/.logflux/sessions/</c>.</param>
    /// <param name="keyRotationDays">Replace the key after this many days; 0 (default) never.</param>
    /// <param name="serverKeyFingerprint">Optional pin <c>SHA256:&lt;64 hex&gt;</c> of the server's RSA key.</param>
    /// <param name="shutdownTimeout">Flush budget of <c>Log.CloseAndFlush()</c>. Default 10 s.</param>
    /// <param name="allowInsecureTransport">Allow a plain <c>http://</c> endpoint that is not loopback. Default false.</param>
    /// <param name="proxyAddress">Optional HTTP proxy URL.</param>
    /// <param name="diagnosticsInterval">At most one drop summary per interval goes to SelfLog. Default 10 s.</param>
    /// <param name="bufferPath">Directory of the opt-in durable (encrypted) buffer; unset keeps entries in memory only.</param>
    /// <param name="bufferMaxBytes">Byte bound of the durable buffer. Default 256 MiB.</param>
    /// <param name="restrictedToMinimumLevel">The minimum level of events passed to the sink; ignored when <paramref name="levelSwitch"/> is given.</param>
    /// <param name="levelSwitch">A switch that changes the sink's minimum level at run time.</param>
    /// <param name="includeMessageTemplate">Write the message template into the <c>message_template</c> attribute. Default true.</param>
    /// <param name="levelMapping">Overrides of the level mapping, e.g. <c>"Information=Notice, Fatal=Alert"</c> (see <see cref="LogFluxSinkOptions.LevelMapping"/>).</param>
    /// <returns>The logger configuration, for chaining.</returns>
    public static LoggerConfiguration LogFlux(
        this LoggerSinkConfiguration loggerSinkConfiguration,
        string? apiKey = null,
        string? source = null,
        string? environment = null,
        string? release = null,
        string? node = null,
        string? logGroup = null,
        string? customEndpointUrl = null,
        string? zone = null,
        int? queueSize = null,
        long? queueMaxBytes = null,
        int? batchSize = null,
        TimeSpan? flushInterval = null,
        int? workerCount = null,
        int? maxRetries = null,
        TimeSpan? initialDelay = null,
        TimeSpan? maxDelay = null,
        double? backoffFactor = null,
        TimeSpan? httpTimeout = null,
        bool? failsafe = null,
        bool? enableCompression = null,
        double? sampleRate = null,
        int? maxBreadcrumbs = null,
        LogEventLevel? minimumBreadcrumbLevel = null,
        bool? debug = null,
        bool? keyPersistence = null,
        string? keyPersistencePath = null,
        int? keyRotationDays = null,
        string? serverKeyFingerprint = null,
        TimeSpan? shutdownTimeout = null,
        bool? allowInsecureTransport = null,
        string? proxyAddress = null,
        TimeSpan? diagnosticsInterval = null,
        string? bufferPath = null,
        long? bufferMaxBytes = null,
        LogEventLevel restrictedToMinimumLevel = LevelAlias.Minimum,
        LoggingLevelSwitch? levelSwitch = null,
        bool includeMessageTemplate = true,
        string? levelMapping = null)
    {
        ArgumentNullException.ThrowIfNull(loggerSinkConfiguration);
        var options = SinkArguments.Build(includeMessageTemplate, levelMapping, [apiKey, source, environment, release, node, logGroup, customEndpointUrl, zone, queueSize, queueMaxBytes, batchSize, flushInterval, workerCount, maxRetries, initialDelay, maxDelay, backoffFactor, httpTimeout, failsafe, enableCompression, sampleRate, maxBreadcrumbs, minimumBreadcrumbLevel, debug, keyPersistence, keyPersistencePath, keyRotationDays, serverKeyFingerprint, shutdownTimeout, allowInsecureTransport, proxyAddress, diagnosticsInterval, bufferPath, bufferMaxBytes]);
        return loggerSinkConfiguration.Sink(SinkFactory.CreateSink(options), restrictedToMinimumLevel, levelSwitch);
    }

    /// <summary>Writes events to LogFlux with options set in code (hooks, HTTP handler and time provider included).</summary>
    /// <param name="loggerSinkConfiguration">The sink configuration.</param>
    /// <param name="configure">Sets the options.</param>
    /// <param name="restrictedToMinimumLevel">The minimum level of events passed to the sink; ignored when <paramref name="levelSwitch"/> is given.</param>
    /// <param name="levelSwitch">A switch that changes the sink's minimum level at run time.</param>
    /// <returns>The logger configuration, for chaining.</returns>
    public static LoggerConfiguration LogFlux(
        this LoggerSinkConfiguration loggerSinkConfiguration,
        Action<LogFluxSinkOptions> configure,
        LogEventLevel restrictedToMinimumLevel = LevelAlias.Minimum,
        LoggingLevelSwitch? levelSwitch = null)
    {
        ArgumentNullException.ThrowIfNull(loggerSinkConfiguration);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new LogFluxSinkOptions();
        configure(options);
        return loggerSinkConfiguration.Sink(SinkFactory.CreateSink(options), restrictedToMinimumLevel, levelSwitch);
    }

    /// <summary>
    /// Writes audit events to LogFlux: each logging call waits until its event is delivered (at most
    /// <paramref name="auditDeliveryTimeout"/>) and throws when delivery fails, so Serilog's <c>AuditTo</c>
    /// propagates the failure to the caller. This costs a flush and a network round trip per event on the calling
    /// thread; use it for the few events that must not be lost silently and <c>WriteTo</c> for everything else.
    /// </summary>
    /// <param name="loggerAuditSinkConfiguration">The audit sink configuration.</param>
    /// <param name="apiKey">The API key (<c>&lt;region&gt;-lf_&lt;key&gt;</c>). Leave it out to read <c>LOGFLUX_API_KEY</c>; without any key the client set up by <c>LogFluxSdk.Init</c> is used.</param>
    /// <param name="source">Service name written into every entry; defaults to <paramref name="node"/>, then the host name.</param>
    /// <param name="environment"><c>meta.environment</c>, e.g. <c>production</c>.</param>
    /// <param name="release"><c>meta.release</c>, e.g. <c>1.4.2</c>.</param>
    /// <param name="node">Node name, the fallback for <paramref name="source"/>; defaults to the host name. Not transmitted.</param>
    /// <param name="logGroup">Log group. Accepted for compatibility; not transmitted.</param>
    /// <param name="customEndpointUrl">Base URL of the ingestor; skips discovery.</param>
    /// <param name="zone">Region code that replaces the key's region for discovery.</param>
    /// <param name="queueSize">Queue capacity in entries. Default 10,000.</param>
    /// <param name="queueMaxBytes">Queue capacity in (estimated) bytes. Default 32 MiB.</param>
    /// <param name="batchSize">Entries per request. Default 100.</param>
    /// <param name="flushInterval">Longest time an entry waits for its batch to fill. Default 5 s.</param>
    /// <param name="workerCount">Concurrent senders. Default 2.</param>
    /// <param name="maxRetries">Retries of a failed batch; 0 means none. Default 3.</param>
    /// <param name="initialDelay">First backoff delay. Default 1 s.</param>
    /// <param name="maxDelay">Backoff cap. Default 30 s.</param>
    /// <param name="backoffFactor">Backoff multiplier, greater than 1. Default 2.</param>
    /// <param name="httpTimeout">Timeout of handshake and ingest requests. Default 30 s.</param>
    /// <param name="failsafe">When true (default) the client never throws; problems go to SelfLog and the stats.</param>
    /// <param name="enableCompression">gzip each entry before encryption. Default true.</param>
    /// <param name="sampleRate">Probability in [0, 1] that a non-audit entry is sent. Default 1.</param>
    /// <param name="maxBreadcrumbs">Breadcrumb ring size. Default 100.</param>
    /// <param name="minimumBreadcrumbLevel">Events at or above this level feed the breadcrumb ring. Default Information.</param>
    /// <param name="debug">Emit verbose self-diagnostics to SelfLog. Default false.</param>
    /// <param name="keyPersistence">Persist the negotiated key so a restart skips the handshake. Default true.</param>
    /// <param name="keyPersistencePath">Directory of key files; default <c>~/.logflux/sessions/</c>.</param>
    /// <param name="keyRotationDays">Replace the key after this many days; 0 (default) never.</param>
    /// <param name="serverKeyFingerprint">Optional pin <c>SHA256:&lt;64 hex&gt;</c> of the server's RSA key.</param>
    /// <param name="shutdownTimeout">Flush budget of <c>Log.CloseAndFlush()</c>. Default 10 s.</param>
    /// <param name="allowInsecureTransport">Allow a plain <c>http://</c> endpoint that is not loopback. Default false.</param>
    /// <param name="proxyAddress">Optional HTTP proxy URL.</param>
    /// <param name="diagnosticsInterval">At most one drop summary per interval goes to SelfLog. Default 10 s.</param>
    /// <param name="bufferPath">Directory of the opt-in durable (encrypted) buffer; unset keeps entries in memory only.</param>
    /// <param name="bufferMaxBytes">Byte bound of the durable buffer. Default 256 MiB.</param>
    /// <param name="restrictedToMinimumLevel">The minimum level of events passed to the sink; ignored when <paramref name="levelSwitch"/> is given.</param>
    /// <param name="levelSwitch">A switch that changes the sink's minimum level at run time.</param>
    /// <param name="includeMessageTemplate">Write the message template into the <c>message_template</c> attribute. Default true.</param>
    /// <param name="levelMapping">Overrides of the level mapping (see <see cref="LogFluxSinkOptions.LevelMapping"/>).</param>
    /// <param name="auditDeliveryTimeout">How long each event may wait for its delivery. Default 10 s.</param>
    /// <returns>The logger configuration, for chaining.</returns>
    public static LoggerConfiguration LogFlux(
        this LoggerAuditSinkConfiguration loggerAuditSinkConfiguration,
        string? apiKey = null,
        string? source = null,
        string? environment = null,
        string? release = null,
        string? node = null,
        string? logGroup = null,
        string? customEndpointUrl = null,
        string? zone = null,
        int? queueSize = null,
        long? queueMaxBytes = null,
        int? batchSize = null,
        TimeSpan? flushInterval = null,
        int? workerCount = null,
        int? maxRetries = null,
        TimeSpan? initialDelay = null,
        TimeSpan? maxDelay = null,
        double? backoffFactor = null,
        TimeSpan? httpTimeout = null,
        bool? failsafe = null,
        bool? enableCompression = null,
        double? sampleRate = null,
        int? maxBreadcrumbs = null,
        LogEventLevel? minimumBreadcrumbLevel = null,
        bool? debug = null,
        bool? keyPersistence = null,
        string? keyPersistencePath = null,
        int? keyRotationDays = null,
        string? serverKeyFingerprint = null,
        TimeSpan? shutdownTimeout = null,
        bool? allowInsecureTransport = null,
        string? proxyAddress = null,
        TimeSpan? diagnosticsInterval = null,
        string? bufferPath = null,
        long? bufferMaxBytes = null,
        LogEventLevel restrictedToMinimumLevel = LevelAlias.Minimum,
        LoggingLevelSwitch? levelSwitch = null,
        bool includeMessageTemplate = true,
        string? levelMapping = null,
        TimeSpan? auditDeliveryTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(loggerAuditSinkConfiguration);
        var options = SinkArguments.Build(includeMessageTemplate, levelMapping, [apiKey, source, environment, release, node, logGroup, customEndpointUrl, zone, queueSize, queueMaxBytes, batchSize, flushInterval, workerCount, maxRetries, initialDelay, maxDelay, backoffFactor, httpTimeout, failsafe, enableCompression, sampleRate, maxBreadcrumbs, minimumBreadcrumbLevel, debug, keyPersistence, keyPersistencePath, keyRotationDays, serverKeyFingerprint, shutdownTimeout, allowInsecureTransport, proxyAddress, diagnosticsInterval, bufferPath, bufferMaxBytes]);
        if (auditDeliveryTimeout is { } timeout) options.AuditDeliveryTimeout = timeout;
        return loggerAuditSinkConfiguration.Sink(SinkFactory.CreateAuditSink(options), restrictedToMinimumLevel, levelSwitch);
    }

    /// <summary>Writes audit events to LogFlux with options set in code; see the other <c>AuditTo.LogFlux</c> overload for the cost.</summary>
    /// <param name="loggerAuditSinkConfiguration">The audit sink configuration.</param>
    /// <param name="configure">Sets the options.</param>
    /// <param name="restrictedToMinimumLevel">The minimum level of events passed to the sink; ignored when <paramref name="levelSwitch"/> is given.</param>
    /// <param name="levelSwitch">A switch that changes the sink's minimum level at run time.</param>
    /// <returns>The logger configuration, for chaining.</returns>
    public static LoggerConfiguration LogFlux(
        this LoggerAuditSinkConfiguration loggerAuditSinkConfiguration,
        Action<LogFluxSinkOptions> configure,
        LogEventLevel restrictedToMinimumLevel = LevelAlias.Minimum,
        LoggingLevelSwitch? levelSwitch = null)
    {
        ArgumentNullException.ThrowIfNull(loggerAuditSinkConfiguration);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new LogFluxSinkOptions();
        configure(options);
        return loggerAuditSinkConfiguration.Sink(SinkFactory.CreateAuditSink(options), restrictedToMinimumLevel, levelSwitch);
    }
}
