using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;

namespace Serilog.Sinks.LogFlux.Settings;

/// <summary>
/// The configuration-binding form of <c>WriteTo.LogFlux()</c> and <c>AuditTo.LogFlux()</c>: every option is text,
/// read with the one LogFlux option grammar (<c>"250ms"</c>, <c>"5s"</c>, <c>"00:00:05"</c> or a plain number in the
/// option's unit; <c>"32MB"</c>; <c>yes</c>/<c>no</c>), exactly like the environment, NLog and log4net. Serilog.Settings.Configuration
/// prefers these overloads because their parameters are strings. Code should call the typed
/// <c>WriteTo.LogFlux(...)</c> of <see cref="LoggerConfigurationLogFluxExtensions"/> instead.
/// </summary>
/// <remarks>
/// A text of the wrong form is reported through <see cref="Debugging.SelfLog"/> at configuration time, naming the
/// option, the text and the accepted forms; the sink then drops events (counted in
/// <see cref="LogFluxSinkStatus.NoClientDrops"/>) instead of throwing.
/// </remarks>
public static class LogFluxSettingsExtensions
{
    /// <summary>Writes events to LogFlux; the configuration-binding form of the typed <c>WriteTo.LogFlux(...)</c>.</summary>
    /// <inheritdoc cref="LoggerConfigurationLogFluxExtensions.LogFlux(LoggerSinkConfiguration, string, string, string, string, string, string, string, string, int?, long?, int?, TimeSpan?, int?, int?, TimeSpan?, TimeSpan?, double?, TimeSpan?, bool?, bool?, double?, int?, LogEventLevel?, bool?, bool?, string, int?, string, TimeSpan?, bool?, string, TimeSpan?, string, long?, LogEventLevel, LoggingLevelSwitch, bool, string)" path="/param|/returns"/>
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
        string? queueSize = null,
        string? queueMaxBytes = null,
        string? batchSize = null,
        string? flushInterval = null,
        string? workerCount = null,
        string? maxRetries = null,
        string? initialDelay = null,
        string? maxDelay = null,
        string? backoffFactor = null,
        string? httpTimeout = null,
        string? failsafe = null,
        string? enableCompression = null,
        string? sampleRate = null,
        string? maxBreadcrumbs = null,
        string? minimumBreadcrumbLevel = null,
        string? debug = null,
        string? keyPersistence = null,
        string? keyPersistencePath = null,
        string? keyRotationDays = null,
        string? serverKeyFingerprint = null,
        string? shutdownTimeout = null,
        string? allowInsecureTransport = null,
        string? proxyAddress = null,
        string? diagnosticsInterval = null,
        string? bufferPath = null,
        string? bufferMaxBytes = null,
        LogEventLevel restrictedToMinimumLevel = LevelAlias.Minimum,
        LoggingLevelSwitch? levelSwitch = null,
        bool includeMessageTemplate = true,
        string? levelMapping = null)
    {
        ArgumentNullException.ThrowIfNull(loggerSinkConfiguration);
        var options = SinkArguments.BuildFromText(includeMessageTemplate, levelMapping, [apiKey, source, environment, release, node, logGroup, customEndpointUrl, zone, queueSize, queueMaxBytes, batchSize, flushInterval, workerCount, maxRetries, initialDelay, maxDelay, backoffFactor, httpTimeout, failsafe, enableCompression, sampleRate, maxBreadcrumbs, minimumBreadcrumbLevel, debug, keyPersistence, keyPersistencePath, keyRotationDays, serverKeyFingerprint, shutdownTimeout, allowInsecureTransport, proxyAddress, diagnosticsInterval, bufferPath, bufferMaxBytes]);
        return loggerSinkConfiguration.Sink(SinkFactory.CreateSink(options), restrictedToMinimumLevel, levelSwitch);
    }

    /// <summary>Writes audit events to LogFlux; the configuration-binding form of the typed <c>AuditTo.LogFlux(...)</c>, with its cost.</summary>
    /// <inheritdoc cref="LoggerConfigurationLogFluxExtensions.LogFlux(LoggerAuditSinkConfiguration, string, string, string, string, string, string, string, string, int?, long?, int?, TimeSpan?, int?, int?, TimeSpan?, TimeSpan?, double?, TimeSpan?, bool?, bool?, double?, int?, LogEventLevel?, bool?, bool?, string, int?, string, TimeSpan?, bool?, string, TimeSpan?, string, long?, LogEventLevel, LoggingLevelSwitch, bool, string, TimeSpan?)" path="/param|/returns"/>
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
        string? queueSize = null,
        string? queueMaxBytes = null,
        string? batchSize = null,
        string? flushInterval = null,
        string? workerCount = null,
        string? maxRetries = null,
        string? initialDelay = null,
        string? maxDelay = null,
        string? backoffFactor = null,
        string? httpTimeout = null,
        string? failsafe = null,
        string? enableCompression = null,
        string? sampleRate = null,
        string? maxBreadcrumbs = null,
        string? minimumBreadcrumbLevel = null,
        string? debug = null,
        string? keyPersistence = null,
        string? keyPersistencePath = null,
        string? keyRotationDays = null,
        string? serverKeyFingerprint = null,
        string? shutdownTimeout = null,
        string? allowInsecureTransport = null,
        string? proxyAddress = null,
        string? diagnosticsInterval = null,
        string? bufferPath = null,
        string? bufferMaxBytes = null,
        LogEventLevel restrictedToMinimumLevel = LevelAlias.Minimum,
        LoggingLevelSwitch? levelSwitch = null,
        bool includeMessageTemplate = true,
        string? levelMapping = null,
        string? auditDeliveryTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(loggerAuditSinkConfiguration);
        var options = SinkArguments.BuildFromText(includeMessageTemplate, levelMapping, [apiKey, source, environment, release, node, logGroup, customEndpointUrl, zone, queueSize, queueMaxBytes, batchSize, flushInterval, workerCount, maxRetries, initialDelay, maxDelay, backoffFactor, httpTimeout, failsafe, enableCompression, sampleRate, maxBreadcrumbs, minimumBreadcrumbLevel, debug, keyPersistence, keyPersistencePath, keyRotationDays, serverKeyFingerprint, shutdownTimeout, allowInsecureTransport, proxyAddress, diagnosticsInterval, bufferPath, bufferMaxBytes]);
        SinkArguments.SetAuditDeliveryTimeout(options, auditDeliveryTimeout);
        return loggerAuditSinkConfiguration.Sink(SinkFactory.CreateAuditSink(options), restrictedToMinimumLevel, levelSwitch);
    }
}
