namespace log4net.Appender.LogFlux.Tests.Support;

/// <summary>Sets (or clears) environment variables and restores the previous values when disposed.</summary>
internal sealed class EnvironmentScope : IDisposable
{
    private readonly Dictionary<string, string?> _previous = new(StringComparer.Ordinal);

    public EnvironmentScope(params (string Name, string? Value)[] variables)
    {
        foreach (var (name, value) in variables)
        {
            _previous[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    /// <summary>Clears every <c>LOGFLUX_*</c> variable so the machine's environment cannot leak into a test.</summary>
    public static EnvironmentScope WithoutLogFluxVariables(params (string Name, string? Value)[] variables)
    {
        var cleared = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(name => name.StartsWith("LOGFLUX_", StringComparison.Ordinal))
            .Select(name => (name, (string?)null));
        return new EnvironmentScope(cleared.Concat(variables).ToArray());
    }

    public void Dispose()
    {
        foreach (var (name, value) in _previous) Environment.SetEnvironmentVariable(name, value);
    }
}
