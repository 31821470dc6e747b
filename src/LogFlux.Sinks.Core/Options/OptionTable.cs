using LogFlux.Sinks.Protocol;
using ApiKeyRules = LogFlux.Sinks.Protocol.ApiKey;
using O = LogFlux.Sinks.LogFluxOptions;

namespace LogFlux.Sinks.Options;

/// <summary>
/// Every option of <see cref="LogFluxOptions"/> that can be set from text, once. The environment reader, the text
/// readers of the adapters (NLog, log4net, <c>Logging:LogFlux</c>), the Serilog arguments and the conflict check of
/// shared clients all go through it, so an option means the same in every place: a plain number for a duration is
/// in the unit of its <c>LOGFLUX_*</c> variable (milliseconds for <c>InitialDelay</c>, seconds for the others).
/// </summary>
internal static partial class OptionTable
{
    private static readonly TimeSpan Seconds = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Milliseconds = TimeSpan.FromMilliseconds(1);

    /// <summary>The options in declaration order.</summary>
    public static IReadOnlyList<OptionDescriptor> All { get; } =
    [
        Text(nameof(O.ApiKey), "LOGFLUX_API_KEY", o => o.ApiKey, (o, v) => o.ApiKey = v),
        Text(nameof(O.Source), "LOGFLUX_SOURCE", o => o.Source, (o, v) => o.Source = v),
        Text(nameof(O.Environment), "LOGFLUX_ENVIRONMENT", o => o.Environment, (o, v) => o.Environment = v),
        Text(nameof(O.Release), "LOGFLUX_RELEASE", o => o.Release, (o, v) => o.Release = v),
        Text(nameof(O.Node), "LOGFLUX_NODE", o => o.Node, (o, v) => o.Node = v),
        Text(nameof(O.LogGroup), "LOGFLUX_LOG_GROUP", o => o.LogGroup, (o, v) => o.LogGroup = v),
        Url(nameof(O.CustomEndpointUrl), ["LOGFLUX_CUSTOM_ENDPOINT_URL", "LOGFLUX_CUSTOM_ENDPOINT"], o => o.CustomEndpointUrl, (o, v) => o.CustomEndpointUrl = v,
            v => Endpoint.TryNormalizeBaseUrl(v, out _, out _), "an absolute http:// or https:// base URL"),
        Text(nameof(O.Zone), "LOGFLUX_ZONE", o => o.Zone, (o, v) => o.Zone = v, ApiKeyRules.IsRegion, "one of eu, us, ca, au, ap"),
        Whole(nameof(O.QueueSize), "LOGFLUX_QUEUE_SIZE", o => o.QueueSize, (o, v) => o.QueueSize = v, min: 1),
        Size(nameof(O.QueueMaxBytes), "LOGFLUX_QUEUE_MAX_BYTES", o => o.QueueMaxBytes, (o, v) => o.QueueMaxBytes = v, O.MinQueueMaxBytes),
        Whole(nameof(O.BatchSize), "LOGFLUX_BATCH_SIZE", o => o.BatchSize, (o, v) => o.BatchSize = v, O.MinBatchSize, O.MaxBatchSize),
        Duration(nameof(O.FlushInterval), "LOGFLUX_FLUSH_INTERVAL", Seconds, o => o.FlushInterval, (o, v) => o.FlushInterval = v),
        Whole(nameof(O.WorkerCount), "LOGFLUX_WORKER_COUNT", o => o.WorkerCount, (o, v) => o.WorkerCount = v, O.MinWorkerCount, O.MaxWorkerCount),
        Whole(nameof(O.MaxRetries), "LOGFLUX_MAX_RETRIES", o => o.MaxRetries, (o, v) => o.MaxRetries = v, min: 0),
        Duration(nameof(O.InitialDelay), "LOGFLUX_INITIAL_DELAY", Milliseconds, o => o.InitialDelay, (o, v) => o.InitialDelay = v),
        Duration(nameof(O.MaxDelay), "LOGFLUX_MAX_DELAY", Seconds, o => o.MaxDelay, (o, v) => o.MaxDelay = v),
        Decimal(nameof(O.BackoffFactor), "LOGFLUX_BACKOFF_FACTOR", o => o.BackoffFactor, (o, v) => o.BackoffFactor = v, v => v > 1, "a number greater than 1"),
        Duration(nameof(O.HttpTimeout), "LOGFLUX_HTTP_TIMEOUT", Seconds, o => o.HttpTimeout, (o, v) => o.HttpTimeout = v),
        Flag(nameof(O.Failsafe), "LOGFLUX_FAILSAFE_MODE", o => o.Failsafe, (o, v) => o.Failsafe = v),
        Flag(nameof(O.EnableCompression), "LOGFLUX_ENABLE_COMPRESSION", o => o.EnableCompression, (o, v) => o.EnableCompression = v),
        Decimal(nameof(O.SampleRate), "LOGFLUX_SAMPLE_RATE", o => o.SampleRate, (o, v) => o.SampleRate = v, v => v is >= 0 and <= 1, "a number from 0 to 1"),
        Whole(nameof(O.MaxBreadcrumbs), "LOGFLUX_MAX_BREADCRUMBS", o => o.MaxBreadcrumbs, (o, v) => o.MaxBreadcrumbs = v),
        Level(nameof(O.MinimumBreadcrumbLevel), o => o.MinimumBreadcrumbLevel, (o, v) => o.MinimumBreadcrumbLevel = v),
        Flag(nameof(O.Debug), "LOGFLUX_DEBUG", o => o.Debug, (o, v) => o.Debug = v),
        Flag(nameof(O.KeyPersistence), "LOGFLUX_KEY_PERSISTENCE", o => o.KeyPersistence, (o, v) => o.KeyPersistence = v),
        Text(nameof(O.KeyPersistencePath), "LOGFLUX_KEY_PERSISTENCE_PATH", o => o.KeyPersistencePath, (o, v) => o.KeyPersistencePath = v),
        Whole(nameof(O.KeyRotationDays), "LOGFLUX_KEY_ROTATION_DAYS", o => o.KeyRotationDays, (o, v) => o.KeyRotationDays = v, min: 0),
        Text(nameof(O.ServerKeyFingerprint), "LOGFLUX_SERVER_KEY_FINGERPRINT", o => o.ServerKeyFingerprint, (o, v) => o.ServerKeyFingerprint = v,
            O.IsFingerprint, "SHA256: followed by 64 hex characters"),
        Duration(nameof(O.ShutdownTimeout), "LOGFLUX_SHUTDOWN_TIMEOUT", Seconds, o => o.ShutdownTimeout, (o, v) => o.ShutdownTimeout = v),
        Flag(nameof(O.AllowInsecureTransport), "LOGFLUX_ALLOW_INSECURE_TRANSPORT", o => o.AllowInsecureTransport, (o, v) => o.AllowInsecureTransport = v),
        Url(nameof(O.ProxyAddress), ["LOGFLUX_PROXY"], o => o.ProxyAddress, (o, v) => o.ProxyAddress = v, O.IsAbsoluteUrl, "an absolute URL"),
        Duration(nameof(O.DiagnosticsInterval), null, Seconds, o => o.DiagnosticsInterval, (o, v) => o.DiagnosticsInterval = v),
        Text(nameof(O.BufferPath), "LOGFLUX_BUFFER_PATH", o => o.BufferPath, (o, v) => o.BufferPath = v),
        Size(nameof(O.BufferMaxBytes), null, o => o.BufferMaxBytes, (o, v) => o.BufferMaxBytes = v, O.MinBufferMaxBytes),
    ];

    private static readonly Dictionary<string, OptionDescriptor> ByName = All.ToDictionary(o => o.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The option of a name in any case (<c>batchSize</c>, <c>BatchSize</c>).</summary>
    /// <param name="name">The name.</param>
    /// <param name="option">The option.</param>
    /// <returns>Whether the name is an option.</returns>
    public static bool TryFind(string? name, out OptionDescriptor option)
    {
        option = null!;
        return name is not null && ByName.TryGetValue(name, out option!);
    }
}
