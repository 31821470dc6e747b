namespace LogFlux.Sinks;

/// <summary>Severity of a self-diagnostic message.</summary>
public enum LogFluxDiagnosticLevel
{
    /// <summary>Verbose detail, only with <see cref="LogFluxOptions.Debug"/>.</summary>
    Debug,
    /// <summary>Normal operation worth knowing.</summary>
    Info,
    /// <summary>Something was retried, dropped or ignored.</summary>
    Warning,
    /// <summary>Something is broken (bad key, configuration error).</summary>
    Error,
}

/// <summary>A self-diagnostic message of the client. Never contains the API key or key material.</summary>
/// <param name="Level">Severity.</param>
/// <param name="Message">Text.</param>
/// <param name="Exception">Optional exception.</param>
public sealed record LogFluxDiagnostic(LogFluxDiagnosticLevel Level, string Message, Exception? Exception = null)
{
    /// <inheritdoc />
    public override string ToString() => Exception is null ? $"[LogFlux {Level}] {Message}" : $"[LogFlux {Level}] {Message}: {Exception.GetType().Name}: {Exception.Message}";
}
