namespace LogFlux.Sinks;

public sealed partial class LogFluxClient
{
    private readonly AsyncLocal<LogFluxScope?> _currentScope = new();

    /// <summary>This client's active scope in the calling async flow, or null.</summary>
    public LogFluxScope? CurrentScope => _currentScope.Value;

    /// <summary>
    /// Starts a scope (docs/protocol.md#scopes) that is current in the calling async flow until disposed. It inherits
    /// the attributes of the scope that was current. Scopes of different flows are isolated.
    /// </summary>
    /// <returns>The scope.</returns>
    public LogFluxScope BeginScope()
    {
        var scope = new LogFluxScope(this, _currentScope.Value, _options.MaxBreadcrumbs);
        _currentScope.Value = scope;
        return scope;
    }

    /// <summary>Runs <paramref name="action"/> inside a new scope, then ends the scope.</summary>
    /// <param name="action">The work; exceptions it throws propagate.</param>
    public void WithScope(Action<LogFluxScope> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        using var scope = BeginScope();
        action(scope);
    }

    /// <summary>Runs <paramref name="action"/> inside a new scope, then ends the scope.</summary>
    /// <param name="action">The work; exceptions it throws propagate.</param>
    /// <returns>The task of the work.</returns>
    public async Task WithScopeAsync(Func<LogFluxScope, Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        using var scope = BeginScope();
        await action(scope).ConfigureAwait(false);
    }

    internal void EndScope(LogFluxScope scope)
    {
        if (scope.IsSelfOrAncestorOf(_currentScope.Value)) _currentScope.Value = scope.Parent;
    }
}
