using LogFlux.Sinks;
using Microsoft.Extensions.Logging;

namespace LogFlux.Extensions.Logging.Internal;

/// <summary>
/// The logger of one category. <see cref="Log{TState}"/> does only what must happen on the logging thread: the level
/// check, capturing the state and scopes, and a non-blocking hand-off to the client's queue, which converts plain
/// events on the sender and events with an exception (error captures with stack frames and breadcrumbs) at once.
/// Never throws.
/// </summary>
internal sealed class LogFluxLogger : ILogger
{
    private readonly string _category;
    private readonly LogFluxLoggerProvider _provider;
    private readonly bool _isOwnCategory;

    public LogFluxLogger(string category, LogFluxLoggerProvider provider)
    {
        _category = category ?? string.Empty;
        _provider = provider;
        _isOwnCategory = _category == LogFluxLoggerProvider.DiagnosticsCategory;
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => _provider.ScopeProvider?.Push(state);

    public bool IsEnabled(LogLevel logLevel) => !_isOwnCategory && _provider.Levels.Map(logLevel) is not null;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (_isOwnCategory || HostLog.IsWriting || formatter is null) return;
        if (_provider.Levels.Map(logLevel) is not { } level) return;
        try
        {
            var client = _provider.CurrentClient();
            if (client is null)
            {
                _provider.CountNoClient();
                return;
            }
            var scopes = _provider.IncludeScopes ? ScopeSnapshot.Capture(_provider.ScopeProvider) : null;
            // Queued on the logging thread, so the client captures this thread's trace context.
            client.Enqueue(MelEvent.Capture(level, _category, eventId, state, exception, formatter, scopes));
        }
        catch (Exception ex)
        {
            _provider.ReportLogFailure(ex);
        }
    }
}
