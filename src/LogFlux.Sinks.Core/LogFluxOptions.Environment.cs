using LogFlux.Sinks.Options;
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
    /// Fills every option that was not set explicitly from its <c>LOGFLUX_*</c> environment variable
    /// (<c>LOGFLUX_API_KEY</c>, <c>LOGFLUX_BATCH_SIZE</c>, ...; <c>LOGFLUX_CUSTOM_ENDPOINT_URL</c> wins over
    /// <c>LOGFLUX_CUSTOM_ENDPOINT</c>). Values have the same forms as in configuration text: durations take a unit
    /// (<c>250ms</c>, <c>5s</c>, <c>2m</c>, <c>1h</c>, <c>00:00:05</c>) or are a plain number in the variable's unit
    /// (<c>LOGFLUX_INITIAL_DELAY</c> milliseconds, the other durations seconds), sizes accept <c>KB</c>/<c>MB</c>/<c>GB</c>,
    /// booleans true/false, 1/0, yes/no and on/off. Values set here do not count as explicit. An invalid value is
    /// ignored and reported.
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
        foreach (var option in OptionTable.All)
        {
            if (option.IsSecret || IsExplicitlySet(option.Name)) continue;
            foreach (var variable in option.EnvironmentVariables)
            {
                if (env.Value(option, variable) is not { } value) continue;
                option.Set(this, value);
                _explicit.Remove(option.Name);
                break;
            }
        }
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

        /// <summary>The variable's value for the option; null when it is unset or invalid (then reported).</summary>
        public object? Value(OptionDescriptor option, string name)
        {
            if (Text(name) is not { } raw) return null;
            if (option.TryParse(raw, out var value) && option.AcceptsFromEnvironment(value)) return value;
            var shown = option.Kind == OptionKind.Url ? Endpoint.ForDisplay(raw) : raw;
            return Invalid(name, shown, option.EnvironmentRange ?? option.AcceptedForms);
        }

        private string? Invalid(string name, string value, string accepted)
        {
            report($"Environment variable {name}=\"{value}\" is ignored: expected {accepted}.");
            return null;
        }
    }
}

/// <summary>Names of the environment variables that are used outside the option table.</summary>
internal static class EnvironmentVariables
{
    public const string ApiKey = "LOGFLUX_API_KEY";
}
