using System.Text;
using LogFlux.Sinks.Protocol;
using ApiKeyRules = LogFlux.Sinks.Protocol.ApiKey;

namespace LogFlux.Sinks;

public sealed partial class LogFluxOptions
{
    /// <summary>A copy with the same values, hooks, delegates and explicit-set flags; later changes to either do not affect the other.</summary>
    internal LogFluxOptions Clone()
    {
        var copy = (LogFluxOptions)MemberwiseClone();
        copy._explicit = new HashSet<string>(_explicit, StringComparer.Ordinal);
        copy._environmentProblems = _environmentProblems is null ? null : [.. _environmentProblems];
        return copy;
    }

    /// <summary>
    /// The global context of every payload (docs/protocol.md#global-context): source = <see cref="Source"/>, else <see cref="Node"/>,
    /// else the machine name; <c>environment</c> and <c>release</c> when set.
    /// </summary>
    internal GlobalContext CreateGlobalContext()
    {
        string source = FirstNonEmpty(_source, _node) ?? MachineName();
        return new GlobalContext(source, FirstNonEmpty(_environment), FirstNonEmpty(_release));
    }

    /// <summary>A summary of the main options with the API key masked.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("LogFluxOptions { ApiKey = ").Append(ApiKeyRules.Mask(_apiKey));
        if (!string.IsNullOrEmpty(_customEndpointUrl)) text.Append(", CustomEndpointUrl = ").Append(Endpoint.ForDisplay(_customEndpointUrl));
        if (!string.IsNullOrEmpty(_zone)) text.Append(", Zone = ").Append(_zone);
        if (!string.IsNullOrEmpty(_source)) text.Append(", Source = ").Append(_source);
        if (!string.IsNullOrEmpty(_environment)) text.Append(", Environment = ").Append(_environment);
        if (!string.IsNullOrEmpty(_release)) text.Append(", Release = ").Append(_release);
        text.Append(System.Globalization.CultureInfo.InvariantCulture,
            $", BatchSize = {_batchSize}, QueueSize = {_queueSize}, WorkerCount = {_workerCount}, FlushInterval = {_flushInterval}, MaxRetries = {_maxRetries}, EnableCompression = {_enableCompression}, SampleRate = {_sampleRate}, Failsafe = {_failsafe}, KeyPersistence = {_keyPersistence} }}");
        return text.ToString();
    }

    private static string? FirstNonEmpty(params string?[] values)
    {
        foreach (var value in values)
        {
            if (!string.IsNullOrWhiteSpace(value)) return value.Trim();
        }
        return null;
    }

    private static string MachineName()
    {
        try
        {
            return System.Environment.MachineName;
        }
        catch (InvalidOperationException)
        {
            return "unknown";
        }
    }
}
