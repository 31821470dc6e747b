using System.Globalization;
using LogFlux.Sinks.Adapters;
using LogFlux.Sinks.Protocol;
using ApiKeyRules = LogFlux.Sinks.Protocol.ApiKey;

namespace LogFlux.Sinks;

public sealed partial class LogFluxOptions
{
    private List<string>? _environmentProblems;

    /// <summary>Environment values that were ignored as invalid by <see cref="ApplyEnvironmentDefaults"/> (never containing the API key).</summary>
    internal IReadOnlyList<string> EnvironmentProblems => _environmentProblems ?? (IReadOnlyList<string>)[];

    /// <summary>
    /// Creates options from the <c>LOGFLUX_*</c> environment variables (see <see cref="ApplyEnvironmentDefaults"/>).
    /// </summary>
    /// <param name="node">Node name; when given it wins over <c>LOGFLUX_NODE</c>.</param>
    /// <param name="getVariable">Reads a variable; the process environment when null.</param>
    /// <returns>The options; the caller still calls <see cref="Validate"/>.</returns>
    /// <exception cref="LogFluxConfigurationException"><c>LOGFLUX_API_KEY</c> is missing or invalid.</exception>
    public static LogFluxOptions FromEnvironment(string? node = null, Func<string, string?>? getVariable = null)
    {
        getVariable ??= System.Environment.GetEnvironmentVariable;
        string? key = getVariable(EnvironmentVariables.ApiKey);
        if (string.IsNullOrWhiteSpace(key)) throw new LogFluxConfigurationException(ApiKeyRules.EnvironmentRequiredMessage);
        ApiKeyRules.Validate(key, out _);

        var options = new LogFluxOptions();
        if (!string.IsNullOrWhiteSpace(node)) options.Node = node.Trim();
        options.ApplyEnvironmentDefaults(getVariable);
        return options;
    }

    /// <summary>
    /// Fills every option that was not set explicitly from its <c>LOGFLUX_*</c> environment variable:
    /// <c>LOGFLUX_API_KEY</c>, <c>_ENVIRONMENT</c>, <c>_NODE</c>, <c>_SOURCE</c>, <c>_RELEASE</c>, <c>_LOG_GROUP</c>,
    /// <c>_CUSTOM_ENDPOINT_URL</c> (wins over <c>_CUSTOM_ENDPOINT</c>), <c>_ZONE</c>, <c>_QUEUE_SIZE</c>,
    /// <c>_QUEUE_MAX_BYTES</c>, <c>_BATCH_SIZE</c>, <c>_FLUSH_INTERVAL</c> (seconds), <c>_WORKER_COUNT</c>,
    /// <c>_MAX_RETRIES</c>, <c>_INITIAL_DELAY</c> (milliseconds), <c>_MAX_DELAY</c> (seconds),
    /// <c>_BACKOFF_FACTOR</c>, <c>_HTTP_TIMEOUT</c> (seconds), <c>_FAILSAFE_MODE</c>, <c>_ENABLE_COMPRESSION</c>,
    /// <c>_SAMPLE_RATE</c>, <c>_MAX_BREADCRUMBS</c>, <c>_DEBUG</c>, <c>_KEY_PERSISTENCE</c>,
    /// <c>_KEY_PERSISTENCE_PATH</c>, <c>_KEY_ROTATION_DAYS</c>, <c>_SERVER_KEY_FINGERPRINT</c>,
    /// <c>_SHUTDOWN_TIMEOUT</c> (seconds), <c>_ALLOW_INSECURE_TRANSPORT</c>, <c>_PROXY</c> and <c>_BUFFER_PATH</c>.
    /// Seconds may have fractions; booleans accept true/false, 1/0, yes/no and on/off in any case. Values set
    /// here do not count as explicit. An invalid value is ignored and reported.
    /// </summary>
    /// <param name="getVariable">Reads a variable; the process environment when null.</param>
    /// <param name="reportInvalid">Receives one message per ignored value, naming the variable and the value (never the API key).</param>
    public void ApplyEnvironmentDefaults(Func<string, string?>? getVariable = null, Action<string>? reportInvalid = null)
    {
        var env = new EnvironmentReader(getVariable ?? System.Environment.GetEnvironmentVariable, problem =>
        {
            (_environmentProblems ??= []).Add(problem);
            if (reportInvalid is null) return;
            try { reportInvalid(problem); }
            catch { /* a failing reporter must not stop configuration */ }
        });

        if (!IsExplicitlySet(nameof(ApiKey)) && env.ApiKey() is { } key) _apiKey = key;
        if (!IsExplicitlySet(nameof(Environment)) && env.Text(EnvironmentVariables.Environment) is { } environment) _environment = environment;
        if (!IsExplicitlySet(nameof(Node)) && env.Text(EnvironmentVariables.Node) is { } node) _node = node;
        if (!IsExplicitlySet(nameof(Source)) && env.Text(EnvironmentVariables.Source) is { } source) _source = source;
        if (!IsExplicitlySet(nameof(Release)) && env.Text(EnvironmentVariables.Release) is { } release) _release = release;
        if (!IsExplicitlySet(nameof(LogGroup)) && env.Text(EnvironmentVariables.LogGroup) is { } logGroup) _logGroup = logGroup;
        if (!IsExplicitlySet(nameof(CustomEndpointUrl)))
        {
            var url = env.BaseUrl(EnvironmentVariables.CustomEndpointUrl) ?? env.BaseUrl(EnvironmentVariables.CustomEndpoint);
            if (url is not null) _customEndpointUrl = url;
        }
        if (!IsExplicitlySet(nameof(Zone)) && env.Region(EnvironmentVariables.Zone) is { } zone) _zone = zone;

        if (!IsExplicitlySet(nameof(QueueSize)) && env.Int(EnvironmentVariables.QueueSize, 1, int.MaxValue) is { } queueSize) _queueSize = queueSize;
        if (!IsExplicitlySet(nameof(QueueMaxBytes)) && env.Long(EnvironmentVariables.QueueMaxBytes, MinQueueMaxBytes) is { } queueBytes) _queueMaxBytes = queueBytes;
        if (!IsExplicitlySet(nameof(BatchSize)) && env.Int(EnvironmentVariables.BatchSize, MinBatchSize, MaxBatchSize) is { } batchSize) _batchSize = batchSize;
        if (!IsExplicitlySet(nameof(FlushInterval)) && env.Duration(EnvironmentVariables.FlushInterval, TimeSpan.TicksPerSecond) is { } flush) _flushInterval = flush;
        if (!IsExplicitlySet(nameof(WorkerCount)) && env.Int(EnvironmentVariables.WorkerCount, MinWorkerCount, MaxWorkerCount) is { } workers) _workerCount = workers;
        if (!IsExplicitlySet(nameof(MaxRetries)) && env.Int(EnvironmentVariables.MaxRetries, 0, int.MaxValue) is { } retries) _maxRetries = retries;
        if (!IsExplicitlySet(nameof(InitialDelay)) && env.Duration(EnvironmentVariables.InitialDelay, TimeSpan.TicksPerMillisecond) is { } initial) _initialDelay = initial;
        if (!IsExplicitlySet(nameof(MaxDelay)) && env.Duration(EnvironmentVariables.MaxDelay, TimeSpan.TicksPerSecond) is { } maxDelay) _maxDelay = maxDelay;
        if (!IsExplicitlySet(nameof(BackoffFactor)) && env.Double(EnvironmentVariables.BackoffFactor, v => v > 1, "a number greater than 1") is { } factor) _backoffFactor = factor;
        if (!IsExplicitlySet(nameof(HttpTimeout)) && env.Duration(EnvironmentVariables.HttpTimeout, TimeSpan.TicksPerSecond) is { } timeout) _httpTimeout = timeout;
        if (!IsExplicitlySet(nameof(Failsafe)) && env.Bool(EnvironmentVariables.FailsafeMode) is { } failsafe) _failsafe = failsafe;
        if (!IsExplicitlySet(nameof(EnableCompression)) && env.Bool(EnvironmentVariables.EnableCompression) is { } compression) _enableCompression = compression;
        if (!IsExplicitlySet(nameof(SampleRate)) && env.Double(EnvironmentVariables.SampleRate, v => v is >= 0 and <= 1, "a number from 0 to 1") is { } rate) _sampleRate = rate;
        if (!IsExplicitlySet(nameof(MaxBreadcrumbs)) && env.Int(EnvironmentVariables.MaxBreadcrumbs, int.MinValue, int.MaxValue) is { } crumbs) _maxBreadcrumbs = crumbs;
        if (!IsExplicitlySet(nameof(Debug)) && env.Bool(EnvironmentVariables.Debug) is { } debug) _debug = debug;
        if (!IsExplicitlySet(nameof(KeyPersistence)) && env.Bool(EnvironmentVariables.KeyPersistence) is { } persistence) _keyPersistence = persistence;
        if (!IsExplicitlySet(nameof(KeyPersistencePath)) && env.Text(EnvironmentVariables.KeyPersistencePath) is { } keyPath) _keyPersistencePath = keyPath;
        if (!IsExplicitlySet(nameof(KeyRotationDays)) && env.Int(EnvironmentVariables.KeyRotationDays, 0, int.MaxValue) is { } rotation) _keyRotationDays = rotation;
        if (!IsExplicitlySet(nameof(ServerKeyFingerprint)) && env.Fingerprint(EnvironmentVariables.ServerKeyFingerprint) is { } fingerprint) _serverKeyFingerprint = fingerprint;
        if (!IsExplicitlySet(nameof(ShutdownTimeout)) && env.Duration(EnvironmentVariables.ShutdownTimeout, TimeSpan.TicksPerSecond) is { } shutdown) _shutdownTimeout = shutdown;
        if (!IsExplicitlySet(nameof(AllowInsecureTransport)) && env.Bool(EnvironmentVariables.AllowInsecureTransport) is { } insecure) _allowInsecureTransport = insecure;
        if (!IsExplicitlySet(nameof(ProxyAddress)) && env.Url(EnvironmentVariables.Proxy) is { } proxy) _proxyAddress = proxy;
        if (!IsExplicitlySet(nameof(BufferPath)) && env.Text(EnvironmentVariables.BufferPath) is { } bufferPath) _bufferPath = bufferPath;
    }

    /// <summary>Reads and parses environment values; reports (and skips) values that do not parse.</summary>
    private readonly struct EnvironmentReader(Func<string, string?> getVariable, Action<string> report)
    {
        public string? Text(string name)
        {
            string? value;
            try { value = getVariable(name); }
            catch (Exception ex) when (ex is System.Security.SecurityException or InvalidOperationException) { return null; }
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }

        public string? ApiKey()
        {
            if (Text(EnvironmentVariables.ApiKey) is not { } raw) return null;
            if (ApiKeyRules.TryValidate(raw, out var key, out _, out var error)) return key;
            report($"{MalformedEnvironmentApiKeyPrefix}{error} (value not shown).");
            return null;
        }

        public string? BaseUrl(string name)
        {
            if (Text(name) is not { } raw) return null;
            if (Endpoint.TryNormalizeBaseUrl(raw, out _, out _)) return raw;
            return Invalid(name, raw, "an absolute http:// or https:// base URL");
        }

        public string? Url(string name)
        {
            if (Text(name) is not { } raw) return null;
            return IsAbsoluteUrl(raw) ? raw : Invalid(name, Endpoint.ForDisplay(raw), "an absolute URL");
        }

        public string? Region(string name)
        {
            if (Text(name) is not { } raw) return null;
            return ApiKeyRules.IsRegion(raw) ? raw : Invalid(name, raw, "one of eu, us, ca, au, ap");
        }

        public string? Fingerprint(string name)
        {
            if (Text(name) is not { } raw) return null;
            return IsFingerprint(raw) ? raw : Invalid(name, raw, "SHA256: followed by 64 hex characters");
        }

        public int? Int(string name, int min, int max)
        {
            if (Text(name) is not { } raw) return null;
            if (LogFluxOptionText.TryParseInt(raw, out int value) && value >= min && value <= max) return value;
            Invalid(name, raw, max == int.MaxValue ? (min == int.MinValue ? "an integer" : $"an integer of at least {min}") : $"an integer from {min} to {max}");
            return null;
        }

        public long? Long(string name, long min)
        {
            if (Text(name) is not { } raw) return null;
            if (long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) && value >= min) return value;
            Invalid(name, raw, $"an integer of at least {min}");
            return null;
        }

        public double? Double(string name, Func<double, bool> accept, string accepted)
        {
            if (Text(name) is not { } raw) return null;
            if (LogFluxOptionText.TryParseDouble(raw, out double value) && accept(value)) return value;
            Invalid(name, raw, accepted);
            return null;
        }

        public TimeSpan? Duration(string name, long ticksPerUnit)
        {
            if (Text(name) is not { } raw) return null;
            string unit = ticksPerUnit == TimeSpan.TicksPerMillisecond ? "milliseconds" : "seconds";
            if (LogFluxOptionText.TryParseDouble(raw, out double value) && value > 0)
            {
                double ticks = value * ticksPerUnit;
                if (ticks >= 1 && ticks < TimeSpan.MaxValue.Ticks) return TimeSpan.FromTicks((long)ticks);
            }
            Invalid(name, raw, $"a positive number of {unit}");
            return null;
        }

        public bool? Bool(string name)
        {
            if (Text(name) is not { } raw) return null;
            if (LogFluxOptionText.TryParseBool(raw, out bool value)) return value;
            Invalid(name, raw, "true/false, 1/0, yes/no or on/off");
            return null;
        }

        private string? Invalid(string name, string value, string accepted)
        {
            report($"Environment variable {name}=\"{value}\" is ignored: expected {accepted}.");
            return null;
        }
    }
}

/// <summary>Names of the environment variables read by <see cref="LogFluxOptions.ApplyEnvironmentDefaults"/>.</summary>
internal static class EnvironmentVariables
{
    public const string ApiKey = "LOGFLUX_API_KEY";
    public const string Environment = "LOGFLUX_ENVIRONMENT";
    public const string Node = "LOGFLUX_NODE";
    public const string Source = "LOGFLUX_SOURCE";
    public const string Release = "LOGFLUX_RELEASE";
    public const string LogGroup = "LOGFLUX_LOG_GROUP";
    public const string CustomEndpointUrl = "LOGFLUX_CUSTOM_ENDPOINT_URL";
    public const string CustomEndpoint = "LOGFLUX_CUSTOM_ENDPOINT";
    public const string Zone = "LOGFLUX_ZONE";
    public const string QueueSize = "LOGFLUX_QUEUE_SIZE";
    public const string QueueMaxBytes = "LOGFLUX_QUEUE_MAX_BYTES";
    public const string BatchSize = "LOGFLUX_BATCH_SIZE";
    public const string FlushInterval = "LOGFLUX_FLUSH_INTERVAL";
    public const string WorkerCount = "LOGFLUX_WORKER_COUNT";
    public const string MaxRetries = "LOGFLUX_MAX_RETRIES";
    public const string InitialDelay = "LOGFLUX_INITIAL_DELAY";
    public const string MaxDelay = "LOGFLUX_MAX_DELAY";
    public const string BackoffFactor = "LOGFLUX_BACKOFF_FACTOR";
    public const string HttpTimeout = "LOGFLUX_HTTP_TIMEOUT";
    public const string FailsafeMode = "LOGFLUX_FAILSAFE_MODE";
    public const string EnableCompression = "LOGFLUX_ENABLE_COMPRESSION";
    public const string SampleRate = "LOGFLUX_SAMPLE_RATE";
    public const string MaxBreadcrumbs = "LOGFLUX_MAX_BREADCRUMBS";
    public const string Debug = "LOGFLUX_DEBUG";
    public const string KeyPersistence = "LOGFLUX_KEY_PERSISTENCE";
    public const string KeyPersistencePath = "LOGFLUX_KEY_PERSISTENCE_PATH";
    public const string KeyRotationDays = "LOGFLUX_KEY_ROTATION_DAYS";
    public const string ServerKeyFingerprint = "LOGFLUX_SERVER_KEY_FINGERPRINT";
    public const string ShutdownTimeout = "LOGFLUX_SHUTDOWN_TIMEOUT";
    public const string AllowInsecureTransport = "LOGFLUX_ALLOW_INSECURE_TRANSPORT";
    public const string Proxy = "LOGFLUX_PROXY";
    public const string BufferPath = "LOGFLUX_BUFFER_PATH";
}
