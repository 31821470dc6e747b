using LogFlux.Sinks;

namespace log4net.Appender.LogFlux;

// The options are strings so that the appender parses them itself, like every other LogFlux configuration text
// (a plain number for a duration counts the unit of its LOGFLUX_* variable): log4net's XML configurator throws
// away the whole appender when a typed property fails to convert, and parses numbers with the current culture.
// Here a bad value is reported by name and the appender stays in place (inactive).
public sealed partial class LogFluxAppender
{
    /// <summary>The API key (<c>&lt;region&gt;-lf_&lt;key&gt;</c>), typically <c>${LOGFLUX_API_KEY}</c>. When empty, <c>LOGFLUX_API_KEY</c>
    /// is used, then the client set up by <c>LogFluxSdk.Init</c>.</summary>
    public string? ApiKey { get; set; }

    /// <inheritdoc cref="LogFluxOptions.Source"/>
    public string? Source { get; set; }

    /// <inheritdoc cref="LogFluxOptions.Environment"/>
    public string? Environment { get; set; }

    /// <inheritdoc cref="LogFluxOptions.Release"/>
    public string? Release { get; set; }

    /// <inheritdoc cref="LogFluxOptions.Node"/>
    public string? Node { get; set; }

    /// <inheritdoc cref="LogFluxOptions.LogGroup"/>
    public string? LogGroup { get; set; }

    /// <inheritdoc cref="LogFluxOptions.CustomEndpointUrl"/>
    public string? CustomEndpointUrl { get; set; }

    /// <inheritdoc cref="LogFluxOptions.Zone"/>
    public string? Zone { get; set; }

    /// <inheritdoc cref="LogFluxOptions.QueueSize"/>
    public string? QueueSize { get; set; }

    /// <inheritdoc cref="LogFluxOptions.QueueMaxBytes"/>
    public string? QueueMaxBytes { get; set; }

    /// <inheritdoc cref="LogFluxOptions.BatchSize"/>
    public string? BatchSize { get; set; }

    /// <inheritdoc cref="LogFluxOptions.FlushInterval"/>
    public string? FlushInterval { get; set; }

    /// <inheritdoc cref="LogFluxOptions.WorkerCount"/>
    public string? WorkerCount { get; set; }

    /// <inheritdoc cref="LogFluxOptions.MaxRetries"/>
    public string? MaxRetries { get; set; }

    /// <inheritdoc cref="LogFluxOptions.InitialDelay"/>
    public string? InitialDelay { get; set; }

    /// <inheritdoc cref="LogFluxOptions.MaxDelay"/>
    public string? MaxDelay { get; set; }

    /// <inheritdoc cref="LogFluxOptions.BackoffFactor"/>
    public string? BackoffFactor { get; set; }

    /// <inheritdoc cref="LogFluxOptions.HttpTimeout"/>
    public string? HttpTimeout { get; set; }

    /// <inheritdoc cref="LogFluxOptions.Failsafe"/>
    public string? Failsafe { get; set; }

    /// <inheritdoc cref="LogFluxOptions.EnableCompression"/>
    public string? EnableCompression { get; set; }

    /// <inheritdoc cref="LogFluxOptions.SampleRate"/>
    public string? SampleRate { get; set; }

    /// <inheritdoc cref="LogFluxOptions.MaxBreadcrumbs"/>
    public string? MaxBreadcrumbs { get; set; }

    /// <inheritdoc cref="LogFluxOptions.MinimumBreadcrumbLevel"/>
    public string? MinimumBreadcrumbLevel { get; set; }

    /// <inheritdoc cref="LogFluxOptions.Debug"/>
    public string? Debug { get; set; }

    /// <inheritdoc cref="LogFluxOptions.KeyPersistence"/>
    public string? KeyPersistence { get; set; }

    /// <inheritdoc cref="LogFluxOptions.KeyPersistencePath"/>
    public string? KeyPersistencePath { get; set; }

    /// <inheritdoc cref="LogFluxOptions.KeyRotationDays"/>
    public string? KeyRotationDays { get; set; }

    /// <inheritdoc cref="LogFluxOptions.ServerKeyFingerprint"/>
    public string? ServerKeyFingerprint { get; set; }

    /// <inheritdoc cref="LogFluxOptions.ShutdownTimeout"/>
    public string? ShutdownTimeout { get; set; }

    /// <inheritdoc cref="LogFluxOptions.AllowInsecureTransport"/>
    public string? AllowInsecureTransport { get; set; }

    /// <inheritdoc cref="LogFluxOptions.ProxyAddress"/>
    public string? ProxyAddress { get; set; }

    /// <inheritdoc cref="LogFluxOptions.DiagnosticsInterval"/>
    public string? DiagnosticsInterval { get; set; }

    /// <inheritdoc cref="LogFluxOptions.BufferPath"/>
    public string? BufferPath { get; set; }

    /// <inheritdoc cref="LogFluxOptions.BufferMaxBytes"/>
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
