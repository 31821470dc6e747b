using System.Runtime.CompilerServices;

namespace LogFlux.Sinks.Adapters;

/// <summary>
/// Lets each client diagnostic through once per self-diagnostics channel (Serilog <c>SelfLog</c>, NLog
/// <c>InternalLogger</c>, log4net <c>LogLog</c>). Several sinks, targets or appenders can share one client and each
/// subscribes to it, and a client hands the same diagnostic instance to its options' listener and to its event
/// subscribers; an adapter keeps one filter per channel and writes a diagnostic only when <see cref="TryClaim"/>
/// says so. Instances are held weakly. Thread-safe.
/// </summary>
internal sealed class DiagnosticOnceFilter
{
    private readonly ConditionalWeakTable<LogFluxDiagnostic, object> _written = new();

    /// <summary>Marks the diagnostic as written.</summary>
    /// <param name="diagnostic">The diagnostic.</param>
    /// <returns>True the first time this instance is seen; false for a repeat or null.</returns>
    public bool TryClaim(LogFluxDiagnostic? diagnostic) => diagnostic is not null && _written.TryAdd(diagnostic, _written);
}
