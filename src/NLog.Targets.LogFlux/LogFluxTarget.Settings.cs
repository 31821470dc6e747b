using LogFlux.Sinks;
using LogFlux.Sinks.Options;
using NLog.Layouts;
using NLog.Targets.LogFlux.Internal;

namespace NLog.Targets.LogFlux;

// The settings of the target. Each one is a layout rendered once when the target initialises, so values
// such as apiKey="${environment:LOGFLUX_API_KEY}" work, then read like every other LogFlux configuration text
// (a plain number for a duration counts the unit of its LOGFLUX_* variable). Settings that are not configured
// (or render to an empty string) are filled from the LOGFLUX_* environment variables, then from the defaults.
public sealed partial class LogFluxTarget
{
    /// <summary>The API key, <c>&lt;region&gt;-lf_&lt;key&gt;</c>. Without one (here or in <c>LOGFLUX_API_KEY</c>) the target uses the client set up by <c>LogFluxSdk.Init</c>.</summary>
    public Layout? ApiKey { get; set; }

    /// <inheritdoc cref="LogFluxOptions.Source"/>
    public Layout? Source { get; set; }

    /// <inheritdoc cref="LogFluxOptions.Environment"/>
    public Layout? Environment { get; set; }

    /// <inheritdoc cref="LogFluxOptions.Release"/>
    public Layout? Release { get; set; }

    /// <inheritdoc cref="LogFluxOptions.Node"/>
    public Layout? Node { get; set; }

    /// <inheritdoc cref="LogFluxOptions.LogGroup"/>
    public Layout? LogGroup { get; set; }

    /// <inheritdoc cref="LogFluxOptions.CustomEndpointUrl"/>
    public Layout? CustomEndpointUrl { get; set; }

    /// <inheritdoc cref="LogFluxOptions.Zone"/>
    public Layout? Zone { get; set; }

    /// <inheritdoc cref="LogFluxOptions.QueueSize"/>
    public Layout? QueueSize { get; set; }

    /// <inheritdoc cref="LogFluxOptions.QueueMaxBytes"/>
    public Layout? QueueMaxBytes { get; set; }

    /// <inheritdoc cref="LogFluxOptions.BatchSize"/>
    public Layout? BatchSize { get; set; }

    /// <inheritdoc cref="LogFluxOptions.FlushInterval"/>
    public Layout? FlushInterval { get; set; }

    /// <inheritdoc cref="LogFluxOptions.WorkerCount"/>
    public Layout? WorkerCount { get; set; }

    /// <inheritdoc cref="LogFluxOptions.MaxRetries"/>
    public Layout? MaxRetries { get; set; }

    /// <inheritdoc cref="LogFluxOptions.InitialDelay"/>
    public Layout? InitialDelay { get; set; }

    /// <inheritdoc cref="LogFluxOptions.MaxDelay"/>
    public Layout? MaxDelay { get; set; }

    /// <inheritdoc cref="LogFluxOptions.BackoffFactor"/>
    public Layout? BackoffFactor { get; set; }

    /// <inheritdoc cref="LogFluxOptions.HttpTimeout"/>
    public Layout? HttpTimeout { get; set; }

    /// <inheritdoc cref="LogFluxOptions.Failsafe"/>
    public Layout? Failsafe { get; set; }

    /// <inheritdoc cref="LogFluxOptions.EnableCompression"/>
    public Layout? EnableCompression { get; set; }

    /// <inheritdoc cref="LogFluxOptions.SampleRate"/>
    public Layout? SampleRate { get; set; }

    /// <inheritdoc cref="LogFluxOptions.MaxBreadcrumbs"/>
    public Layout? MaxBreadcrumbs { get; set; }

    /// <inheritdoc cref="LogFluxOptions.MinimumBreadcrumbLevel"/>
    public Layout? MinimumBreadcrumbLevel { get; set; }

    /// <inheritdoc cref="LogFluxOptions.Debug"/>
    public Layout? Debug { get; set; }

    /// <inheritdoc cref="LogFluxOptions.KeyPersistence"/>
    public Layout? KeyPersistence { get; set; }

    /// <inheritdoc cref="LogFluxOptions.KeyPersistencePath"/>
    public Layout? KeyPersistencePath { get; set; }

    /// <inheritdoc cref="LogFluxOptions.KeyRotationDays"/>
    public Layout? KeyRotationDays { get; set; }

    /// <inheritdoc cref="LogFluxOptions.ServerKeyFingerprint"/>
    public Layout? ServerKeyFingerprint { get; set; }

    /// <inheritdoc cref="LogFluxOptions.ShutdownTimeout"/>
    public Layout? ShutdownTimeout { get; set; }

    /// <inheritdoc cref="LogFluxOptions.AllowInsecureTransport"/>
    public Layout? AllowInsecureTransport { get; set; }

    /// <inheritdoc cref="LogFluxOptions.ProxyAddress"/>
    public Layout? ProxyAddress { get; set; }

    /// <inheritdoc cref="LogFluxOptions.DiagnosticsInterval"/>
    public Layout? DiagnosticsInterval { get; set; }

    /// <inheritdoc cref="LogFluxOptions.BufferPath"/>
    public Layout? BufferPath { get; set; }

    /// <inheritdoc cref="LogFluxOptions.BufferMaxBytes"/>
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

    // The settings that are LogFlux client options: the properties named like the options of the option table.
    internal IEnumerable<(string Name, Layout? Layout)> OptionSettings() =>
        OptionTable.All.Select(o => (o.Name, typeof(LogFluxTarget).GetProperty(o.Name)?.GetValue(this) as Layout));
}
