namespace Serilog.Sinks.LogFlux.Tests.Support;

/// <summary>Sets process environment variables for a test and restores the previous values on dispose.</summary>
internal sealed class EnvironmentVariables : IDisposable
{
    private readonly Dictionary<string, string?> _previous = new(StringComparer.Ordinal);

    public EnvironmentVariables Set(string name, string? value)
    {
        if (!_previous.ContainsKey(name)) _previous[name] = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, value);
        return this;
    }

    public void Dispose()
    {
        foreach (var pair in _previous) Environment.SetEnvironmentVariable(pair.Key, pair.Value);
        _previous.Clear();
    }
}
