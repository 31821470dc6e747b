using System.Globalization;
using LogFlux.Sinks.Protocol;
using ApiKeyRules = LogFlux.Sinks.Protocol.ApiKey;

namespace LogFlux.Sinks;

public sealed partial class LogFluxOptions
{
    internal const int MinBatchSize = 1;
    internal const int MaxBatchSize = 1000;
    internal const int MinWorkerCount = 1;
    internal const int MaxWorkerCount = 64;
    internal const long MinQueueMaxBytes = 64 * 1024;
    internal const long MinBufferMaxBytes = 1024 * 1024;
    internal const int DefaultMaxBreadcrumbs = 100;

    /// <summary>How the problem with a malformed <c>LOGFLUX_API_KEY</c> starts (the key format error follows).</summary>
    internal const string MalformedEnvironmentApiKeyPrefix = "Environment variable " + EnvironmentVariables.ApiKey + " is set but malformed, so it is ignored: ";

    /// <summary>
    /// Checks every option and reports all problems at once.
    /// </summary>
    /// <exception cref="LogFluxConfigurationException">
    /// At least one option is invalid. The message names each option, its value (the API key only masked)
    /// and what is accepted; an API key problem uses the exact texts of the LogFlux SDKs
    /// (e.g. <c>API key is required</c>).
    /// </exception>
    public void Validate()
    {
        var problems = GetValidationProblems();
        if (problems.Count == 0) return;
        string message = problems.Count == 1
            ? problems[0]
            : $"{problems.Count} LogFlux options are invalid: " + string.Join("; ", problems);
        throw new LogFluxConfigurationException(message);
    }

    /// <summary>The problems <see cref="Validate"/> would report; empty when the options are valid.</summary>
    internal List<string> GetValidationProblems()
    {
        var problems = new List<string>();

        if (!ApiKeyRules.TryValidate(_apiKey, out _, out _, out var keyError))
        {
            // "required" would hide the real problem when LOGFLUX_API_KEY is set but was ignored as malformed.
            var malformedEnvironmentKey = keyError == ApiKeyRules.RequiredMessage
                ? _environmentProblems?.Find(p => p.StartsWith(MalformedEnvironmentApiKeyPrefix, StringComparison.Ordinal))
                : null;
            problems.Add(malformedEnvironmentKey ?? keyError!);
        }

        if (!string.IsNullOrEmpty(_zone) && !ApiKeyRules.IsRegion(_zone))
            problems.Add($"Zone \"{_zone}\" is not a LogFlux region (expected eu, us, ca, au, or ap).");

        if (!string.IsNullOrWhiteSpace(_customEndpointUrl))
        {
            if (!Endpoint.TryNormalizeBaseUrl(_customEndpointUrl, out var normalized, out var urlError))
            {
                problems.Add(urlError!);
            }
            else if (!_allowInsecureTransport && IsInsecure(normalized))
            {
                problems.Add($"CustomEndpointUrl \"{Endpoint.ForDisplay(normalized)}\" uses plain http://, which is accepted only for loopback addresses (localhost, 127.0.0.1, ::1) or when AllowInsecureTransport is true; use https://.");
            }
        }

        if (_queueSize < 1) problems.Add($"QueueSize must be at least 1 (was {Show(_queueSize)}).");
        if (_queueMaxBytes < MinQueueMaxBytes) problems.Add($"QueueMaxBytes must be at least {MinQueueMaxBytes} (64 KiB) (was {Show(_queueMaxBytes)}).");
        if (_batchSize is < MinBatchSize or > MaxBatchSize) problems.Add($"BatchSize must be between {MinBatchSize} and {MaxBatchSize} (was {Show(_batchSize)}).");
        if (_workerCount is < MinWorkerCount or > MaxWorkerCount) problems.Add($"WorkerCount must be between {MinWorkerCount} and {MaxWorkerCount} (was {Show(_workerCount)}).");
        if (_maxRetries < 0) problems.Add($"MaxRetries must be 0 or more (was {Show(_maxRetries)}).");
        RequirePositive(problems, nameof(FlushInterval), _flushInterval);
        RequirePositive(problems, nameof(InitialDelay), _initialDelay);
        RequirePositive(problems, nameof(MaxDelay), _maxDelay);
        if (!(_backoffFactor > 1) || double.IsInfinity(_backoffFactor)) problems.Add($"BackoffFactor must be a number greater than 1 (was {Show(_backoffFactor)}).");
        RequirePositive(problems, nameof(HttpTimeout), _httpTimeout);
        if (!(_sampleRate is >= 0 and <= 1)) problems.Add($"SampleRate must be between 0 and 1 (was {Show(_sampleRate)}).");
        if (!LogFluxLevels.IsValid(_minimumBreadcrumbLevel)) problems.Add($"MinimumBreadcrumbLevel must be a level from 1 (Emergency) to 8 (Debug) (was {(int)_minimumBreadcrumbLevel}).");
        if (_keyRotationDays < 0) problems.Add($"KeyRotationDays must be 0 (never) or more (was {Show(_keyRotationDays)}).");
        if (!string.IsNullOrEmpty(_serverKeyFingerprint) && !IsFingerprint(_serverKeyFingerprint))
            problems.Add($"ServerKeyFingerprint \"{_serverKeyFingerprint}\" must be SHA256: followed by 64 hex characters.");
        RequirePositive(problems, nameof(ShutdownTimeout), _shutdownTimeout);
        if (_diagnosticsInterval < TimeSpan.Zero) problems.Add($"DiagnosticsInterval must not be negative (was {_diagnosticsInterval}).");
        if (!string.IsNullOrWhiteSpace(_proxyAddress) && !IsAbsoluteUrl(_proxyAddress))
            problems.Add($"ProxyAddress \"{Endpoint.ForDisplay(_proxyAddress)}\" must be an absolute URL such as http://proxy.example.com:8080.");
        if (!string.IsNullOrWhiteSpace(_bufferPath) && _bufferMaxBytes < MinBufferMaxBytes)
            problems.Add($"BufferMaxBytes must be at least {MinBufferMaxBytes} (1 MiB) when BufferPath is set (was {Show(_bufferMaxBytes)}).");

        return problems;
    }

    /// <summary>The breadcrumb ring size to use: <see cref="MaxBreadcrumbs"/>, or 100 when it is 0 or less.</summary>
    internal int EffectiveMaxBreadcrumbs => _maxBreadcrumbs <= 0 ? DefaultMaxBreadcrumbs : _maxBreadcrumbs;

    internal static bool IsFingerprint(string value)
    {
        const string prefix = "SHA256:";
        if (value.Length != prefix.Length + 64 || !value.StartsWith(prefix, StringComparison.Ordinal)) return false;
        foreach (char c in value.AsSpan(prefix.Length))
        {
            if (!char.IsAsciiHexDigit(c)) return false;
        }
        return true;
    }

    internal static bool IsAbsoluteUrl(string value) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host);

    private static bool IsInsecure(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && !Endpoint.IsLoopback(uri);

    private static void RequirePositive(List<string> problems, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero) problems.Add($"{name} must be greater than zero (was {value}).");
    }

    private static string Show(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);
}
